import { createRequire } from 'node:module';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

const require = createRequire(import.meta.url);

// WXT builds the extension from extension/ for Chrome/Edge (MV3) and Firefox (MV3).
export default defineConfig({
  srcDir: 'extension',
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
    permissions: ['storage', 'alarms'],
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
