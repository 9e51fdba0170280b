import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  type CodeInfo,
  type EntrySummary,
  LOCKED_EVENT,
  type Settings,
  type VaultState,
} from '../../messages';
import { errorText, send } from '../../ui/send';
import { AddEntry } from './AddEntry';
import { CreateVault } from './CreateVault';
import { EditEntry } from './EditEntry';
import { EntryList } from './EntryList';
import { ExportView } from './ExportView';
import { ImportView } from './ImportView';
import { PairingRequests } from './PairingRequests';
import { Recover } from './Recover';
import { RecoverKit } from './RecoverKit';
import { ScanResult } from './ScanResult';
import { SettingsView } from './SettingsView';
import { SyncLine } from './SyncLine';
import { SyncSettings } from './SyncSettings';
import { Toast, type ToastState } from './Toast';
import { Unlock } from './Unlock';

type View =
  | { name: 'list' }
  | { name: 'add'; text?: string }
  | { name: 'edit'; id: string }
  | { name: 'settings' }
  | { name: 'recover' }
  | { name: 'recoverKit' }
  | { name: 'sync' }
  | { name: 'scan' }
  | { name: 'import' }
  | { name: 'export' };

const THEME_KEY = 'ward-theme';
const noop = () => undefined;

/** Applies the theme and remembers it (not secret) so the next popup paints in it at once. */
function applyTheme(settings: Settings | undefined) {
  const theme = settings?.theme ?? 'system';
  document.documentElement.dataset.theme = theme;
  localStorage.setItem(THEME_KEY, theme);
}

/** The theme remembered from the last popup, before the worker answers. */
export function applyRememberedTheme() {
  document.documentElement.dataset.theme = localStorage.getItem(THEME_KEY) ?? 'system';
}

/** The popup: picks the screen from the vault state the service worker reports. */
export function App() {
  const [state, setState] = useState<VaultState | null>(null);
  const [failure, setFailure] = useState('');
  // popup.html#import: the import screen opened in a tab (Firefox closes popups for file pickers).
  const [view, setView] = useState<View>(() =>
    location.hash === '#import' ? { name: 'import' } : { name: 'list' },
  );
  const [entries, setEntries] = useState<EntrySummary[] | null>(null);
  const [firstCodes, setFirstCodes] = useState<Record<string, CodeInfo>>({});
  const [live, setLive] = useState('');
  const [toast, setToast] = useState<ToastState | null>(null);

  const closeToast = useCallback(() => setToast(null), []);

  const announce = useCallback((text: string) => {
    // Clearing first makes screen readers repeat the same text ("Copied" twice in a row).
    setLive('');
    requestAnimationFrame(() => setLive(text));
  }, []);

  const refreshState = useCallback(async () => {
    try {
      const s = await send('vault.state', {});
      setState(s);
      applyTheme(s.settings);
      if (s.status !== 'unlocked') setEntries(null);
      return s;
    } catch (e) {
      setFailure(errorText(e));
      return null;
    }
  }, []);

  const reload = useCallback(async () => {
    try {
      setEntries(await send('entries.list', {}));
    } catch (e) {
      // A locked vault (idle timeout) sends the user back to the unlock screen.
      await refreshState();
      if (!(e instanceof Error && /locked/i.test(e.message))) announce(errorText(e));
    }
  }, [refreshState, announce]);

  // The worker says when the vault locks (idle timeout) so no stale code stays on screen.
  useEffect(() => {
    const onEvent = (m: unknown, sender: { id?: string }) => {
      if (sender.id === browser.runtime.id && (m as { event?: string } | null)?.event === LOCKED_EVENT) {
        void refreshState();
      }
    };
    browser.runtime.onMessage.addListener(onEvent);
    return () => browser.runtime.onMessage.removeListener(onEvent);
  }, [refreshState]);

  // Escape goes back to the list from any sub-screen.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && view.name !== 'list' && !e.defaultPrevented) {
        e.preventDefault();
        setView({ name: 'list' });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [view]);

  // One round trip paints the popup: state, entries and the first screen of codes.
  useEffect(() => {
    send('vault.open', {}).then(
      (r) => {
        applyTheme(r.state.settings);
        setFirstCodes(r.codes);
        if (r.unreadable) {
          setToast({
            text: `${r.unreadable} entr${r.unreadable === 1 ? 'y' : 'ies'} could not be decrypted and ${r.unreadable === 1 ? 'is' : 'are'} hidden. Restore from a backup if one is missing.`,
            until: Date.now() + 15_000,
          });
        }
        setEntries(r.entries);
        setState(r.state);
      },
      (e) => setFailure(errorText(e)),
    );
  }, []);

  // A scan from the shortcut, a menu or the region overlay waits for this popup to confirm it.
  const showPendingScan = useCallback(
    () =>
      send('capture.pending', {}).then(
        (p) => p && setView({ name: 'scan' }),
        () => undefined,
      ),
    [],
  );
  useEffect(() => void showPendingScan(), [showPendingScan]);

  const onUnlocked = useCallback(
    (s: VaultState) => {
      setState(s);
      applyTheme(s.settings);
      setView({ name: 'list' });
      void reload();
      void showPendingScan();
    },
    [reload, showPendingScan],
  );

  if (failure) return <main class="pad error">{failure}</main>;
  if (!state) return <main aria-busy="true" />;

  const liveRegion = (
    <div class="sr-only" aria-live="polite" role="status" data-testid="live">
      {live}
    </div>
  );

  // An entry deleted elsewhere (or a stale view) falls back to the list.
  const editing = view.name === 'edit' ? entries?.find((e) => e.id === view.id) : undefined;
  let screen: preact.JSX.Element;
  let listShown = false;
  if (state.status === 'none' && view.name === 'sync') {
    // A new install joining a vault that already syncs: sign in, then the vault's passphrase.
    screen = (
      <main>
        <header>
          <h1>Sync an existing vault</h1>
        </header>
        <div class="pad">
          <SyncSettings onJoined={() => void refreshState().then((s) => s && onUnlocked(s))} />
          <div class="row-actions">
            <button type="button" onClick={() => setView({ name: 'list' })}>
              Create a new vault instead
            </button>
          </div>
        </div>
      </main>
    );
  } else if (state.status === 'none') {
    screen = (
      <>
        <CreateVault onDone={onUnlocked} />
        <SyncLine onSynced={noop} />
        <p class="pad">
          <button type="button" class="link" onClick={() => setView({ name: 'sync' })}>
            Already use Ward sync? Sign in to sync your vault here
          </button>
        </p>
      </>
    );
  } else if (state.status === 'locked' && view.name === 'recover') {
    screen = <Recover onBack={() => setView({ name: 'list' })} onUnlocked={onUnlocked} />;
  } else if (state.status === 'locked' && view.name === 'recoverKit') {
    screen = <RecoverKit onBack={() => setView({ name: 'list' })} onUnlocked={onUnlocked} />;
  } else if (state.status === 'locked') {
    screen = (
      <Unlock
        state={state}
        onUnlocked={onUnlocked}
        onForgot={() => setView({ name: 'recover' })}
        onKit={() => setView({ name: 'recoverKit' })}
      />
    );
  } else if (view.name === 'add') {
    screen = (
      <AddEntry
        initialText={view.text ?? ''}
        onScanned={() => setView({ name: 'scan' })}
        onCancel={() => setView({ name: 'list' })}
        onAdded={(added) => {
          announce(added.length === 1 ? 'Entry added' : `${added.length} entries added`);
          setView({ name: 'list' });
          void reload();
        }}
      />
    );
  } else if (view.name === 'scan') {
    screen = (
      <ScanResult
        onBack={() => setView({ name: 'list' })}
        onDone={(_n, text) => {
          announce(text);
          setView({ name: 'list' });
          void reload();
        }}
      />
    );
  } else if (view.name === 'import') {
    screen = <ImportView onBack={() => setView({ name: 'settings' })} onImported={() => void reload()} />;
  } else if (view.name === 'export') {
    screen = <ExportView onBack={() => setView({ name: 'settings' })} />;
  } else if (view.name === 'edit' && editing) {
    const entry = editing;
    screen = (
      <EditEntry
        entry={entry}
        onClose={() => {
          setView({ name: 'list' });
          void reload();
        }}
        onDeleted={(undoUntil) => {
          setView({ name: 'list' });
          void reload();
          setToast({
            text: `Deleted ${entry.issuer || entry.account || 'entry'}`,
            until: undoUntil,
            action: {
              label: 'Undo',
              run: async () => {
                await send('entries.undoDelete', { id: entry.id });
                announce('Entry restored');
                await reload();
              },
            },
          });
        }}
      />
    );
  } else if (view.name === 'settings') {
    screen = (
      <SettingsView
        state={state}
        onBack={() => setView({ name: 'list' })}
        onChanged={(s) => {
          setState(s);
          applyTheme(s.settings);
        }}
        onImported={reload}
        onOpen={(name) => setView(name === 'import' ? { name: 'import' } : { name: 'export' })}
        announce={announce}
      />
    );
  } else {
    listShown = true;
    screen = (
      <EntryList
        entries={entries}
        initialCodes={firstCodes}
        onReload={reload}
        onOpen={(id) => setView({ name: 'edit', id })}
        onNav={setView}
        announce={announce}
      />
    );
  }

  return (
    <>
      {listShown && <PairingRequests announce={announce} />}
      {screen}
      {liveRegion}
      {toast && <Toast toast={toast} onClose={closeToast} />}
      {listShown && <SyncLine onSynced={reload} />}
    </>
  );
}
