import { useState } from 'preact/hooks';
import { AUTO_LOCK_CHOICES, type AutoLockMinutes, type Theme, type VaultState } from '../../messages';
import { errorText, send } from '../../ui/send';
import { BackHeader } from './BackHeader';
import { ChangePassphrase } from './ChangePassphrase';
import { DevicesView } from './DevicesView';
import { NewPassphrase } from './NewPassphrase';
import { PasskeySettings } from './PasskeySettings';
import { RecoveryKeySettings } from './RecoveryKeySettings';
import { SyncSettings } from './SyncSettings';

const lockLabel = (m: AutoLockMinutes) =>
  m === 0 ? 'When the browser closes' : `After ${m} minute${m > 1 ? 's' : ''} idle`;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Settings: auto-lock, theme, export/import, lock now, sync, about. */
export function SettingsView({
  state,
  onBack,
  onChanged,
  onImported,
  announce,
  onOpen,
}: {
  state: VaultState;
  onBack: () => void;
  onChanged: (s: VaultState) => void;
  onImported: () => Promise<void>;
  announce: (t: string) => void;
  /** the import-from-other-apps and other-exports screens */
  onOpen?: (view: 'import' | 'export') => void;
}) {
  // The backup password, once NewPassphrase judges it strong enough and typed twice alike.
  const [exportPass, setExportPass] = useState<string | null>(null);
  const [exportRound, setExportRound] = useState(0);
  const [exportMsg, setExportMsg] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [importPass, setImportPass] = useState('');
  const [needPass, setNeedPass] = useState(false);
  const [importMsg, setImportMsg] = useState('');

  async function set(patch: { autoLockMinutes?: AutoLockMinutes; theme?: Theme }) {
    const settings = await send('settings.set', patch);
    onChanged({ ...state, settings });
    announce('Saved');
  }

  async function doExport(ev: Event) {
    ev.preventDefault();
    if (exportPass === null) return;
    setExportMsg('Encrypting…');
    try {
      const { fileName, text } = await send('backup.export', { password: exportPass });
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setExportPass(null);
      setExportRound((n) => n + 1);
      setExportMsg(`Saved ${fileName}. Keep the password: the file cannot be opened without it.`);
    } catch (e) {
      setExportMsg(errorText(e));
    }
  }

  async function doImport(ev: Event) {
    ev.preventDefault();
    if (!file) return;
    setImportMsg('Importing…');
    try {
      const data = toBase64(new Uint8Array(await file.arrayBuffer()));
      const r = await send('backup.import', {
        data,
        encoding: 'base64',
        ...(importPass ? { password: importPass } : {}),
      });
      setNeedPass(false);
      setImportMsg(
        `${r.format}: added ${r.added}, skipped ${r.skipped} already in Ward${r.errors.length ? `; ${r.errors.length} could not be read: ${r.errors.join('; ')}` : ''}.`,
      );
      await onImported();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'password-required') setNeedPass(true);
      setImportMsg(
        code === 'password-required' ? 'This file is encrypted: enter its password.' : errorText(e),
      );
    }
  }

  return (
    <main>
      <BackHeader onBack={onBack} backLabel="Back to the list">
        Settings
      </BackHeader>
      <div class="pad">
        <label for="s-lock">Lock automatically</label>
        <select
          id="s-lock"
          value={String(state.settings.autoLockMinutes)}
          onChange={(e) => void set({ autoLockMinutes: Number(e.currentTarget.value) as AutoLockMinutes })}
        >
          {AUTO_LOCK_CHOICES.map((m) => (
            <option key={m} value={String(m)}>
              {lockLabel(m)}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>Theme</legend>
          {(['system', 'light', 'dark'] as const).map((t) => (
            <label key={t} style={{ display: 'inline-block', fontWeight: 400, marginRight: '12px' }}>
              <input
                type="radio"
                name="theme"
                checked={state.settings.theme === t}
                onChange={() => void set({ theme: t })}
              />{' '}
              {t[0]?.toUpperCase() + t.slice(1)}
            </label>
          ))}
        </fieldset>
        <div class="row-actions">
          <button
            type="button"
            onClick={async () => {
              onChanged(await send('vault.lock', {}));
            }}
          >
            Lock now
          </button>
        </div>

        <ChangePassphrase announce={announce} />
        <PasskeySettings announce={announce} />
        <RecoveryKeySettings announce={announce} />

        <form onSubmit={doExport}>
          <h2>Export</h2>
          <p class="hint">An encrypted Ward backup of every entry. Choose a password for the file.</p>
          <NewPassphrase key={exportRound} idPrefix="s-export" onChange={setExportPass} />
          <div class="row-actions">
            <button type="submit" disabled={exportPass === null}>
              Download backup
            </button>
          </div>
          <p role="status">{exportMsg}</p>
        </form>

        <form onSubmit={doImport}>
          <h2>Import</h2>
          <p class="hint">A Ward backup or an export from Aegis, 2FAS, Bitwarden and other apps.</p>
          <label for="s-import-file">File</label>
          <input
            id="s-import-file"
            type="file"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setImportMsg('');
            }}
          />
          {needPass && (
            <>
              <label for="s-import-pass">File password</label>
              <input
                id="s-import-pass"
                type="password"
                value={importPass}
                onInput={(e) => setImportPass(e.currentTarget.value)}
              />
            </>
          )}
          <div class="row-actions">
            <button type="submit" disabled={!file}>
              Import
            </button>
          </div>
          <p role="status">{importMsg}</p>
        </form>

        {onOpen && (
          <div class="row-actions" style={{ justifyContent: 'flex-start', flexWrap: 'wrap' }}>
            <button type="button" onClick={() => onOpen('import')}>
              Import from another app…
            </button>
            <button type="button" onClick={() => onOpen('export')}>
              Other export formats and QR codes…
            </button>
          </div>
        )}

        <h2>Sync</h2>
        <SyncSettings />
        <DevicesView announce={announce} />

        <h2>About</h2>
        <p class="hint">
          Ward {state.version}. Your codes are encrypted with a key derived from your passphrase (Argon2id)
          and only ever decrypted inside this browser. Nothing readable leaves your device.
        </p>
      </div>
    </main>
  );
}
