/**
 * Autofill messages from Ward's own pages (popup "Fill", per-site settings, choose.html, test
 * hooks). They join messages.ts' MessageMap and go through vault/router.ts, which accepts only
 * extension pages. Kept free of heavy imports: the popup bundle imports the types and checks.
 */
import { bool, type Check, none, obj, oneOf, str } from '../message-checks';
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

const id = str(64, 1);
// any subset of the three switches
const sitePatch = obj({ hidden: bool, autoFill: bool, autoSubmit: bool }, [
  'hidden',
  'autoFill',
  'autoSubmit',
]);

/** Body checks, merged into messages.ts' table. */
export const autofillBodies: { [T in AutofillMessageType]: Check } = {
  'autofill.activeSite': none,
  'autofill.fill': obj({ id }),
  'autofill.setSite': obj({ site: str(253, 1), patch: sitePatch }),
  'autofill.choice': obj({ token: id }),
  'autofill.choose': obj({ token: id, id }),
  'test.autofillTrigger': obj({ kind: oneOf('shortcut', 'menu') }),
};
