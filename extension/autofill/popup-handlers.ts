/** The service worker's handlers for AutofillMessageMap (merged into vault/router.ts). */
import { browser } from 'wxt/browser';
import { listEntries } from '../vault/entries';
import { requireKeys, vaultStatus } from '../vault/lock-state';
import { choiceInfo, confirmChoice } from './chooser';
import { framesOf } from './frame-cache';
import { entriesForPage, registrableDomain } from './match';
import type { ActiveSite, AutofillMessageMap, AutofillMessageType } from './popup-api';
import { FILL_EVENT, type FillEvent } from './protocol';
import { siteSettings, updateSiteSettings } from './site-settings';
import { sendTrigger } from './triggers';

async function activeTab(): Promise<{ id: number; url: string } | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (typeof tab?.id !== 'number') return null;
  return { id: tab.id, url: tab.url ?? '' };
}

async function activeSite(): Promise<ActiveSite> {
  const tab = await activeTab();
  if (!tab) return { site: null, matchIds: [], settings: await siteSettings(null) };
  // tab.url is there under activeTab (the user opened the popup); frames with code fields reported theirs
  const frames = await framesOf(tab.id);
  const top = tab.url || frames[0] || '';
  const urls = [...new Set([top, ...Object.values(frames)].filter(Boolean))];
  const site = registrableDomain(top);
  const settings = await siteSettings(site);
  if ((await vaultStatus()) !== 'unlocked') return { site, matchIds: [], settings };
  const entries = await listEntries(await requireKeys());
  const matchIds = new Set(urls.flatMap((u) => entriesForPage(entries, u).map((e) => e.id)));
  return { site, matchIds: [...matchIds], settings };
}

type Handlers = {
  [T in AutofillMessageType]: (body: AutofillMessageMap[T]['req']) => Promise<AutofillMessageMap[T]['res']>;
};

export const autofillHandlers: Handlers = {
  'autofill.activeSite': () => activeSite(),
  'autofill.fill': async ({ id }) => {
    await requireKeys();
    const tab = await activeTab();
    if (!tab) return { sent: false };
    const event: FillEvent = { event: FILL_EVENT, source: 'popup', id };
    // every frame hears it; each asks for the code and is answered only for its own domain
    await browser.tabs.sendMessage(tab.id, event).catch(() => undefined);
    return { sent: true };
  },
  'autofill.setSite': ({ site, patch }) => {
    const clean = registrableDomain(site) ?? site;
    return updateSiteSettings(clean, patch);
  },
  'autofill.choice': async ({ token }) => choiceInfo(await requireKeys(), token),
  'autofill.choose': async ({ token, id }) => confirmChoice(await requireKeys(), token, id),
  'test.autofillTrigger': async ({ kind }) => {
    const tab = await activeTab();
    if (!tab) return { sent: false };
    await sendTrigger(tab.id, kind);
    return { sent: true };
  },
};
