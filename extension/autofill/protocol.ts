/**
 * The content script ↔ service worker protocol for autofill: one short-lived runtime Port per
 * request (`runtime.connect`, name PORT_NAME), so the worker reads the frame from `port.sender`
 * and never from the message. No secrets cross it except the one code a frame may have.
 */

export const PORT_NAME = 'ward.autofill';
/** The worker → frame event (tabs.sendMessage) asking a content script to act. */
export const FILL_EVENT = 'ward.autofill.fill';
/** Fewer ms than this left in the period: wait for the next code instead of filling one about to expire. */
export const MIN_CODE_LIFE_MS = 3000;

/** What a frame may know about an entry that matches it: no secret, no domains, no note. */
export interface FrameEntry {
  id: string;
  issuer: string;
  account: string;
}

/** Per registrable domain, chosen by the user (never by a page). */
export interface SiteSettings {
  /** the inline button is hidden on this site */
  hidden: boolean;
  /** fill at once when exactly one entry matches */
  autoFill: boolean;
  /** submit the form after filling */
  autoSubmit: boolean;
}

export const DEFAULT_SITE: SiteSettings = { hidden: false, autoFill: false, autoSubmit: false };

export type FrameRequest =
  | { type: 'matches' }
  | { type: 'code'; id: string }
  | { type: 'hide' }
  | { type: 'unlock' }
  | { type: 'choose' };

export type FrameReply =
  | {
      type: 'matches';
      status: 'none' | 'locked' | 'unlocked';
      /** the frame's registrable domain as the worker sees it; null when nothing can match */
      site: string | null;
      entries: FrameEntry[];
      settings: SiteSettings;
    }
  | { type: 'code'; code: string }
  | { type: 'wait'; ms: number }
  | { type: 'done' }
  | { type: 'error'; code: string; message: string };

/** Worker → content script: fill now (shortcut, context menu, popup "Fill", after unlock or a choice). */
export interface FillEvent {
  event: typeof FILL_EVENT;
  /** which trigger: the content script picks the field by it */
  source: 'shortcut' | 'menu' | 'popup' | 'unlocked' | 'chosen';
  /** fill this entry; absent: the only match, else show the menu */
  id?: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Validates a frame's request; null for anything else. */
export function parseFrameRequest(raw: unknown): FrameRequest | null {
  if (!isObj(raw) || typeof raw.type !== 'string') return null;
  const keys = Object.keys(raw);
  switch (raw.type) {
    case 'matches':
    case 'hide':
    case 'unlock':
    case 'choose':
      return keys.length === 1 ? { type: raw.type } : null;
    case 'code':
      return keys.length === 2 && typeof raw.id === 'string' && raw.id.length > 0 && raw.id.length <= 64
        ? { type: 'code', id: raw.id }
        : null;
    default:
      return null;
  }
}

/** Validates a worker event in the content script. */
export function parseFillEvent(raw: unknown): FillEvent | null {
  if (!isObj(raw) || raw.event !== FILL_EVENT) return null;
  const sources = ['shortcut', 'menu', 'popup', 'unlocked', 'chosen'];
  if (typeof raw.source !== 'string' || !sources.includes(raw.source)) return null;
  if (raw.id !== undefined && (typeof raw.id !== 'string' || raw.id.length > 64)) return null;
  return { event: FILL_EVENT, source: raw.source as FillEvent['source'], ...(raw.id ? { id: raw.id } : {}) };
}
