/**
 * Per-site autofill choices, keyed by registrable domain (eTLD+1). Kept in storage.local in the
 * clear because the inline button must know "hidden here" while the vault is locked; only sites the
 * user changed a setting for are listed, and no entry is linked to them.
 */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SITE, type SiteSettings } from './protocol';

export const siteSettingsItem = storage.defineItem<Record<string, Partial<SiteSettings>>>(
  'local:autofillSites',
  { fallback: {}, version: 1 },
);

/** The settings of one site, defaults filled in. */
export async function siteSettings(site: string | null): Promise<SiteSettings> {
  if (!site) return { ...DEFAULT_SITE };
  const all = await siteSettingsItem.getValue();
  return { ...DEFAULT_SITE, ...(Object.hasOwn(all, site) ? all[site] : {}) };
}

/** Changes one site's settings; a site back at the defaults is dropped from storage. */
export async function updateSiteSettings(site: string, patch: Partial<SiteSettings>): Promise<SiteSettings> {
  const all = { ...(await siteSettingsItem.getValue()) };
  const next: SiteSettings = { ...DEFAULT_SITE, ...(Object.hasOwn(all, site) ? all[site] : {}), ...patch };
  if (!next.hidden && !next.autoFill && !next.autoSubmit) delete all[site];
  else all[site] = next;
  await siteSettingsItem.setValue(all);
  return next;
}
