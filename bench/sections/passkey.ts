// `npm run bench passkey`: passkey unlock to first code visible, in headless Chromium with the
// DevTools virtual authenticator (CTAP2, user verification, PRF), and the worker's slot-open cost.
import type { Page } from 'playwright-core';
import { createPrfSlot, generateVaultKey, openPrfSlot } from '../../crypto-core/keyslots';
import { launchWard, message, PASSPHRASE } from '../../tests/e2e/harness';
import { addAuthenticator, passkeyUrl, registerPasskey } from '../../tests/e2e/passkey-helpers';
import type { BenchSection } from '../types';

const ENTRIES = 50;
const RUNS = 5;
const SLOT_RUNS = 200;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function codeVisible(page: Page): Promise<void> {
  await page.waitForFunction(
    () => /\d/.test(document.querySelector('[data-testid="code"]')?.textContent ?? ''),
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
}

async function slotOpen(): Promise<number> {
  const vk = generateVaultKey();
  const prf = crypto.getRandomValues(new Uint8Array(32));
  const slot = await createPrfSlot(
    vk,
    'bench-vault',
    prf,
    'Y3JlZGVudGlhbC1pZA',
    crypto.getRandomValues(new Uint8Array(32)),
  );
  const times: number[] = [];
  for (let i = 0; i < SLOT_RUNS; i++) {
    const t = performance.now();
    (await openPrfSlot(slot, 'bench-vault', prf)).fill(0);
    times.push(performance.now() - t);
  }
  return median(times);
}

export default async (): Promise<BenchSection> => {
  const ward = await launchWard();
  const unlock: number[] = [];
  try {
    const setup = await ward.openPopup();
    await message(setup, 'vault.create', { passphrase: PASSPHRASE });
    await message(setup, 'vault.confirmCreate');
    const uris = Array.from(
      { length: ENTRIES },
      (_, i) => `otpauth://totp/Bench:user${i}?secret=JBSWY3DPEHPK3PXP${'A'.repeat(i % 8)}&issuer=Bench`,
    );
    await message(setup, 'entries.addParsed', { text: uris.join('\n'), pick: uris.map((_, i) => i) });
    const tab = await ward.context.newPage();
    await addAuthenticator(tab);
    const added = await registerPasskey(ward, tab, 'Bench');
    if (!/added/.test(added)) throw new Error(`Passkey registration failed: ${added}`);
    for (let i = 0; i < RUNS; i++) {
      await message(setup, 'vault.lock');
      const t = performance.now();
      await tab.goto(passkeyUrl(ward, 'unlock'), { waitUntil: 'commit' });
      await tab.waitForURL(/popup\.html/, { waitUntil: 'commit' });
      await codeVisible(tab);
      unlock.push(performance.now() - t);
    }
  } finally {
    await ward.close();
  }
  const open = await slotOpen();
  return {
    title: 'Passkey unlock (WebAuthn PRF)',
    columns: ['Measure', 'Median', 'Runs'],
    rows: [
      [
        `Passkey tab opened → first code visible (${ENTRIES} entries)`,
        `${median(unlock).toFixed(0)} ms`,
        RUNS,
      ],
      ['openPrfSlot: HKDF-SHA256 + AES-256-GCM unwrap (Node)', `${open.toFixed(3)} ms`, SLOT_RUNS],
    ],
    notes: [
      'Headless Chromium, DevTools virtual authenticator (ctap2, internal, UV, PRF): no human or biometric time. ' +
        'The path: passkey.html loads, asks the worker for the credential ids and salts, runs navigator.credentials.get ' +
        'with prf.eval(ByCredential), the worker opens the prf slot and stores RK, the tab loads the popup page and paints codes.',
      'No Argon2id on this path, unlike passphrase unlock (see the extension section for unlock → first code with a passphrase).',
    ],
  };
};
