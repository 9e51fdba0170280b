import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ActiveSite } from '../../autofill/popup-api';
import type { SiteSettings } from '../../autofill/protocol';
import { errorText, send } from '../../ui/send';

/** The active tab's site, the entries saved for it, and "Fill" for one of them. */
export function useActiveSite(announce: (text: string) => void) {
  const [active, setActive] = useState<ActiveSite | null>(null);
  useEffect(() => {
    send('autofill.activeSite', {}).then(setActive, () => setActive(null));
  }, []);
  const fill = useCallback(
    async (id: string, name: string) => {
      try {
        await send('autofill.fill', { id });
        announce(`Filling ${name} code in the page`);
        // the action popup closes so the page (and its field) is in front again; a tab of it stays
        if (!(await browser.tabs.getCurrent())) window.close();
      } catch (e) {
        announce(errorText(e));
      }
    },
    [announce],
  );
  return { active, setActive, fill };
}

const OPTIONS: { key: keyof SiteSettings; label: string; invert?: boolean }[] = [
  { key: 'hidden', label: 'Show the Ward button in code fields', invert: true },
  { key: 'autoFill', label: 'Fill automatically when exactly one account matches' },
  { key: 'autoSubmit', label: 'Submit the form after filling' },
];

/** Per-site autofill options for the active tab (off by default; stored per registrable domain). */
export function AutofillSite({
  active,
  onChange,
  announce,
}: {
  active: ActiveSite;
  onChange: (a: ActiveSite) => void;
  announce: (text: string) => void;
}) {
  const site = active.site;
  if (!site) return null;
  async function set(key: keyof SiteSettings, value: boolean) {
    try {
      const settings = await send('autofill.setSite', { site: site as string, patch: { [key]: value } });
      onChange({ ...active, settings });
    } catch (e) {
      announce(errorText(e));
    }
  }
  return (
    <details class="pad autofill-site">
      <summary>Autofill on {site}</summary>
      {OPTIONS.map((o) => {
        const on = o.invert ? !active.settings[o.key] : active.settings[o.key];
        return (
          <label key={o.key}>
            <input
              type="checkbox"
              checked={on}
              onChange={(e) => void set(o.key, o.invert ? !e.currentTarget.checked : e.currentTarget.checked)}
            />{' '}
            {o.label}
          </label>
        );
      })}
    </details>
  );
}
