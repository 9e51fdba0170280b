import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, send } from '../../ui/send';
import { fileToBase64, firstImage } from './file-data';

/**
 * The Add screen's ways to read a QR code: scan the current tab, or paste (Ctrl+V), drop or pick
 * an image. Findings wait in the worker; `onScanned` opens the result screen.
 */
export function ScanSources({ onScanned }: { onScanned: () => void }) {
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [over, setOver] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  async function decodeFile(file: File) {
    setError('');
    setStatus('Reading the image…');
    try {
      await send('capture.decodeImage', { data: await fileToBase64(file) });
      setStatus('');
      onScanned();
    } catch (e) {
      setStatus('');
      setError(errorText(e));
    }
  }

  async function scanPage() {
    setError('');
    setStatus('Scanning the page…');
    try {
      const r = await send('capture.scan', {});
      if (r.status === 'found') {
        setStatus('');
        onScanned();
      } else {
        setStatus(
          'No QR code is visible on the page. Drag a rectangle around it on the page (Esc cancels); Ward opens again with the result.',
        );
      }
    } catch (e) {
      setStatus('');
      setError(errorText(e));
    }
  }

  // Ctrl+V of an image anywhere on the Add screen; pasted text still goes to the link box.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const file = firstImage(e.clipboardData);
      if (!file) return;
      e.preventDefault();
      void decodeFile(file);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  });

  return (
    <section aria-labelledby="scan-title">
      <h2 id="scan-title">Scan a QR code</h2>
      <div class="row-actions" style={{ justifyContent: 'flex-start' }}>
        <button type="button" class="primary" onClick={scanPage}>
          Scan QR on this page
        </button>
      </div>
      <fieldset
        data-testid="image-drop"
        aria-label="Drop a QR code image here"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = firstImage(e.dataTransfer);
          if (file) void decodeFile(file);
          else setError('Drop an image file (PNG, JPEG, GIF or WebP).');
        }}
        style={{
          border: `2px dashed ${over ? 'currentColor' : 'rgba(128,128,128,.5)'}`,
          borderRadius: '8px',
          padding: '10px',
          margin: '8px 0',
          textAlign: 'center',
        }}
      >
        <p class="hint" style={{ margin: 0 }}>
          Paste an image of the code (Ctrl+V), drop it here, or{' '}
          <button type="button" class="link" onClick={() => picker.current?.click()}>
            choose an image file
          </button>
          .
        </p>
        <input
          ref={picker}
          type="file"
          accept="image/*"
          aria-label="QR code image file"
          style={{ display: 'none' }}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void decodeFile(file);
          }}
        />
      </fieldset>
      <p role="status" class="hint">
        {status}
      </p>
      <p role="alert" class="error">
        {error}
      </p>
    </section>
  );
}
