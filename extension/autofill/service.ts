/**
 * The service worker's side of autofill (WebExtensions runtime Ports): answers a content-script
 * frame with the entries saved for ITS registrable domain and with codes only for those. The
 * frame is read from the Port's sender; nothing in a message can widen what a frame gets.
 */
import { codeInfo } from '../vault/codes';
import { advanceHotp, getRecord, listEntries } from '../vault/entries';
import { requireKeys, vaultStatus } from '../vault/lock-state';
import { VaultError } from '../vault/vault-error';
import { openChooser } from './chooser';
import { type Frame, type FrameSender, frameOf } from './frame';
import { rememberFrame } from './frame-cache';
import { entriesForPage, registrableDomain } from './match';
import { type FrameReply, MIN_CODE_LIFE_MS, parseFrameRequest } from './protocol';
import { siteSettings, updateSiteSettings } from './site-settings';
import { requestUnlock } from './unlock-flow';

/** Hooks the worker passes in (activity stamp for the idle lock). */
export interface FrameServiceOptions {
  onActivity?: () => void;
  now?: () => number;
}

const error = (code: string, message: string): FrameReply => ({ type: 'error', code, message });

async function matches(frame: Frame): Promise<FrameReply> {
  const site = registrableDomain(frame.url);
  const [status, settings] = await Promise.all([vaultStatus(), siteSettings(site)]);
  if (status !== 'unlocked' || !site) return { type: 'matches', status, site, entries: [], settings };
  const all = await listEntries(await requireKeys());
  const entries = entriesForPage(all, frame.url).map((e) => ({
    id: e.id,
    issuer: e.issuer,
    account: e.account,
  }));
  return { type: 'matches', status, site, entries, settings };
}

async function code(frame: Frame, id: string, opts: FrameServiceOptions): Promise<FrameReply> {
  const keys = await requireKeys();
  const record = await getRecord(keys, id).catch(() => null);
  // Same answer for "no such entry" and "not this site's": a frame cannot probe ids.
  if (!record || entriesForPage([record], frame.url).length === 0) {
    return error('forbidden', 'That account is not saved for this site.');
  }
  const now = opts.now?.() ?? Date.now();
  opts.onActivity?.();
  if (record.type === 'hotp') {
    // RFC 4226: a counter value is used once; the next fill gets the next code.
    const filled = codeInfo(record, now).code;
    await advanceHotp(keys, id, now);
    return { type: 'code', code: filled };
  }
  const info = codeInfo(record, now);
  const left = info.periodStartMs + info.periodMs - now;
  if (left < MIN_CODE_LIFE_MS) return { type: 'wait', ms: left + 100 };
  return { type: 'code', code: info.code };
}

/** Answers one request from a content-script frame. Always resolves to a FrameReply. */
export async function handleFrameRequest(
  raw: unknown,
  sender: FrameSender | undefined,
  opts: FrameServiceOptions = {},
): Promise<FrameReply> {
  const frame = frameOf(sender);
  if (!frame) return error('forbidden', 'Ward fills codes only in web pages.');
  const req = parseFrameRequest(raw);
  if (!req) return error('bad-request', 'Malformed request.');
  try {
    switch (req.type) {
      case 'matches':
        // asked when a frame finds a code field: the popup's "Fill" uses this list
        await rememberFrame(frame);
        return await matches(frame);
      case 'code':
        return await code(frame, req.id, opts);
      case 'hide': {
        const site = registrableDomain(frame.url);
        if (site) await updateSiteSettings(site, { hidden: true });
        return { type: 'done' };
      }
      case 'unlock':
        if ((await vaultStatus()) === 'unlocked') return { type: 'done' };
        await requestUnlock(frame.tabId, frame.frameId);
        return { type: 'done' };
      case 'choose': {
        const site = registrableDomain(frame.url);
        if (!site) return error('forbidden', 'Ward cannot save codes for this kind of page.');
        await openChooser(frame.tabId, frame.frameId, site);
        return { type: 'done' };
      }
    }
  } catch (e) {
    if (e instanceof VaultError) return error(e.code, e.message);
    console.error('Ward autofill: unexpected error', e instanceof Error ? e.name : typeof e);
    return error('internal', 'Something went wrong inside Ward. Try again.');
  }
}
