import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// WXT builds the extension from extension/ for Chrome/Edge (MV3) and Firefox (MV3).
export default defineConfig({
  srcDir: 'extension',
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Ward',
    description: 'End-to-end encrypted two-factor codes: copy or fill them in one click.',
    permissions: ['storage', 'alarms', 'activeTab'],
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
