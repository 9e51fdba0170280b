/**
 * "Choose an account…" for a site no entry is saved for: the choice and its confirmation happen
 * in Ward's own window (choose.html), never in page DOM a page could click. A random token binds
 * that window to the frame that asked; confirming saves the frame's registrable domain on the entry.
 */
import { hex } from '@scure/base';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { VaultKeys } from '../../crypto-core/vault';
import { getRecord, listEntries, updateEntry } from '../vault/entries';
import { VaultError } from '../vault/vault-error';
import { FILL_EVENT, type FillEvent, type FrameEntry } from './protocol';

/** A choice window unanswered for this long is void. */
export const CHOICE_TTL_MS = 10 * 60_000;

interface Choice {
  tabId: number;
  frameId: number;
  site: string;
  at: number;
}

export const choicesItem = storage.defineItem<Record<string, Choice>>('session:autofillChoices', {
  fallback: {},
  version: 1,
});

/** What choose.html shows: the site (from the worker, not the page) and every entry. */
export interface ChoiceInfo {
  site: string;
  entries: (FrameEntry & { domains: string[] })[];
}

/** Opens the choice window for a frame; returns its token. */
export async function openChooser(tabId: number, frameId: number, site: string, now = Date.now()) {
  const token = hex.encode(crypto.getRandomValues(new Uint8Array(16)));
  const all = await choicesItem.getValue();
  const live = Object.fromEntries(Object.entries(all).filter(([, c]) => now - c.at < CHOICE_TTL_MS));
  live[token] = { tabId, frameId, site, at: now };
  await choicesItem.setValue(live);
  const url = browser.runtime.getURL(`/choose.html#${token}`);
  try {
    await browser.windows.create({ url, type: 'popup', width: 400, height: 580 });
  } catch {
    await browser.tabs.create({ url, openerTabId: tabId });
  }
  return token;
}

async function choice(token: string, now = Date.now()): Promise<Choice> {
  const c = (await choicesItem.getValue())[token];
  if (!c || now - c.at >= CHOICE_TTL_MS) {
    throw new VaultError('not-found', 'This choice has expired: click the Ward button in the page again.');
  }
  return c;
}

/** The site and the entries to pick from. */
export async function choiceInfo(keys: VaultKeys, token: string): Promise<ChoiceInfo> {
  const c = await choice(token);
  const entries = (await listEntries(keys)).map((e) => ({
    id: e.id,
    issuer: e.issuer,
    account: e.account,
    domains: e.domains,
  }));
  return { site: c.site, entries };
}

/** The user confirmed: remember the site on the entry, then the frame fills with it. */
export async function confirmChoice(keys: VaultKeys, token: string, id: string): Promise<{ site: string }> {
  const c = await choice(token);
  const r = await getRecord(keys, id);
  const domains = r.domains ?? [];
  if (!domains.includes(c.site)) await updateEntry(keys, id, { domains: [...domains, c.site] });
  const all = { ...(await choicesItem.getValue()) };
  delete all[token];
  await choicesItem.setValue(all);
  const event: FillEvent = { event: FILL_EVENT, source: 'chosen', id };
  await browser.tabs.update(c.tabId, { active: true }).catch(() => undefined);
  await browser.tabs.sendMessage(c.tabId, event, { frameId: c.frameId }).catch(() => undefined);
  return { site: c.site };
}
