import { createRequire } from 'node:module';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

const require = createRequire(import.meta.url);

// WXT builds the extension from extension/ for Chrome/Edge (MV3) and Firefox (MV3).
export default defineConfig({
  srcDir: 'extension',
  // Static files (the toolbar icons) live beside the code they belong to, not in a top-level folder.
  publicDir: 'extension/public',
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The QR decoder's WASM ships inside the package (extension/qr/wasm.ts fetches it from there):
    // zxing-wasm would otherwise download it from a CDN at run time.
    'build:publicAssets': (_wxt, files) => {
      files.push({
        absoluteSrc: require.resolve('zxing-wasm/reader/zxing_reader.wasm'),
        relativeDest: 'wasm/zxing_reader.wasm',
      });
    },
  },
  manifest: ({ browser }) => ({
    name: 'Ward',
    description: 'End-to-end encrypted two-factor codes: copy or fill them in one click.',
    // storage: the encrypted vault (local) and the unlocked record key (session, memory only).
    // alarms: the idle auto-lock, which must fire even after the service worker was stopped.
    // Copying uses navigator.clipboard from the focused popup, which needs no permission.
    // activeTab + scripting: "Scan QR on this page" captures and reads only the tab the user invoked
    // Ward on (button, shortcut or menu), never any other. contextMenus: "Fill one-time code" on
    // editable fields, "Scan QR code on this page" and "Add to Ward" on images.
    // The content script (entrypoints/content.ts) matches every http(s) page: an inline fill button
    // must appear before any click, which activeTab cannot give. It only finds fields and asks the
    // service worker, which decides from the sender's frame which codes that site may get.
    permissions: ['storage', 'alarms', 'activeTab', 'scripting', 'contextMenus'],
    commands: {
      'scan-qr': {
        suggested_key: { default: 'Alt+Shift+Q' },
        description: 'Scan a QR code on this page',
      },
      // Autofill (extension/autofill/triggers.ts): fills the focused one-time-code field.
      'fill-code': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: 'Fill the one-time code on this page',
      },
    },
    // Sync reaches only the server the user chose: an https origin is asked for at sign-in
    // (permissions.request), a server on this machine (http://127.0.0.1 or localhost, any port) is
    // allowed from the start so self-hosting on a laptop needs no prompt.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*'],
    action: { default_title: 'Ward' },
    content_security_policy: {
      // No remote code; WASM (Argon2id, QR decoding) is compiled from the package itself.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'ward@ward.example',
              strict_min_version: '142.0',
              // Ward collects nothing; sync is end-to-end encrypted to a server the user chooses.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
