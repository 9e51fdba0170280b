/**
 * Autofill messages from Ward's own pages (popup "Fill", per-site settings, choose.html, test
 * hooks). They join messages.ts' MessageMap and go through vault/router.ts, which accepts only
 * extension pages. Kept free of heavy imports: the popup bundle imports the types and checks.
 */
import type { FrameEntry, SiteSettings } from './protocol';

/** The active tab as the popup sees it. */
export interface ActiveSite {
  /** registrable domain of the active tab's top frame; null for non-web pages */
  site: string | null;
  /** ids of the entries saved for that site */
  matchIds: string[];
  settings: SiteSettings;
}

export interface AutofillMessageMap {
  'autofill.activeSite': { req: Record<string, never>; res: ActiveSite };
  /** Fill entry `id` in the active tab; each frame still gets a code only for its own domain. */
  'autofill.fill': { req: { id: string }; res: { sent: boolean } };
  'autofill.setSite': { req: { site: string; patch: Partial<SiteSettings> }; res: SiteSettings };
  /** choose.html: the site and entries for a choice token. */
  'autofill.choice': {
    req: { token: string };
    res: { site: string; entries: (FrameEntry & { domains: string[] })[] };
  };
  /** choose.html: the user confirmed; the domain is saved on the entry and the frame fills. */
  'autofill.choose': { req: { token: string; id: string }; res: { site: string } };
  /** Browser tests: run what the keyboard shortcut / context-menu item runs, on the active tab. */
  'test.autofillTrigger': { req: { kind: 'shortcut' | 'menu' }; res: { sent: boolean } };
}

export type AutofillMessageType = keyof AutofillMessageMap;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const exactly = (v: unknown, keys: string[]): v is Record<string, unknown> =>
  isObj(v) && Object.keys(v).length === keys.length && keys.every((k) => k in v);
const shortStr = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max;
const SITE_KEYS = ['hidden', 'autoFill', 'autoSubmit'];

/** Body checks, merged into messages.ts' table. */
export const autofillBodies: { [T in AutofillMessageType]: (v: unknown) => boolean } = {
  'autofill.activeSite': (v) => exactly(v, []),
  'autofill.fill': (v) => exactly(v, ['id']) && shortStr(v.id, 64),
  'autofill.setSite': (v) =>
    exactly(v, ['site', 'patch']) &&
    shortStr(v.site, 253) &&
    isObj(v.patch) &&
    Object.entries(v.patch).every(([k, x]) => SITE_KEYS.includes(k) && typeof x === 'boolean'),
  'autofill.choice': (v) => exactly(v, ['token']) && shortStr(v.token, 64),
  'autofill.choose': (v) => exactly(v, ['token', 'id']) && shortStr(v.token, 64) && shortStr(v.id, 64),
  'test.autofillTrigger': (v) => exactly(v, ['kind']) && (v.kind === 'shortcut' || v.kind === 'menu'),
};
