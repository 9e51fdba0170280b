import { base64urlnopad } from '@scure/base';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type KeySlot, parseKeySlot } from '../../../crypto-core/keyslots';
import type { EntrySummary } from '../../../extension/messages';
import type {
  PasskeyInfo,
  PasskeyRegistration,
  PasskeyUnlockOptions,
} from '../../../extension/passkey/messages';
import { holdVaultKey, takeVaultKey } from '../../../extension/passkey/pending';
import { setupPasskey } from '../../../extension/passkey/setup';
import { fromWire, toWire } from '../../../extension/sync/slots';
import { throttleItem, vaultMetaItem } from '../../../extension/vault/items';
import { call, createUnlocked, fail, PASS, resetBrowser, status } from './setup';

const { fastPassphraseSlots } = await vi.hoisted(() => import('../fast-slots'));
vi.mock('../../../crypto-core/keyslots', fastPassphraseSlots);

const b64 = base64urlnopad;
const random = (n: number) => b64.encode(crypto.getRandomValues(new Uint8Array(n)));

/** Registers a passkey the way the passkey tab does, with a stand-in PRF output. */
async function register(name = 'Laptop', prfOutput = random(32), credentialId = random(16)) {
  const reg = await call<PasskeyRegistration>('passkey.prepare', { passphrase: PASS });
  const info = await call<PasskeyInfo>('passkey.add', { token: reg.token, credentialId, prfOutput, name });
  return { reg, info, prfOutput, credentialId };
}

describe('passkey unlock in the service worker', () => {
  beforeEach(resetBrowser);

  it('adds a prf slot after checking the passphrase, then unlocks with the same PRF output', async () => {
    await createUnlocked();
    await call('entries.add', {
      entry: {
        type: 'totp',
        issuer: 'ACME',
        account: 'a@b.c',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    });
    expect((await fail('passkey.prepare', { passphrase: 'not the passphrase' }))?.code).toBe(
      'wrong-passphrase',
    );
    // A wrong passphrase is throttled as on the unlock screen; the test skips the wait.
    expect((await fail('passkey.prepare', { passphrase: PASS }))?.code).toBe('throttled');
    await throttleItem.setValue({ failures: 0, retryAt: 0 });

    const { reg, info, prfOutput, credentialId } = await register();
    expect(b64.decode(reg.salt)).toHaveLength(32);
    expect(info.name).toBe('Laptop');
    expect(await call('passkey.list')).toEqual([info]);
    const meta = await vaultMetaItem.getValue();
    const slot = meta?.slots.find((s) => s.kind === 'prf') as KeySlot;
    expect(slot.credentialId).toBe(credentialId);
    expect(slot.salt).toBe(reg.salt);
    // The slot survives the trip to the server and back (sync uploads the whole list).
    expect(fromWire(toWire([slot]))).toEqual([parseKeySlot(JSON.stringify(slot))]);

    await call('vault.lock');
    expect(await call<PasskeyUnlockOptions>('passkey.unlockOptions')).toEqual({
      credentials: [{ credentialId, salt: reg.salt }],
    });
    await call('passkey.unlock', { credentialId, prfOutput });
    expect(await status()).toBe('unlocked');
    expect((await call<EntrySummary[]>('entries.list')).map((e) => e.issuer)).toEqual(['ACME']);
  });

  it('refuses a passkey of another authenticator or vault, and the passphrase still works', async () => {
    await createUnlocked();
    const { credentialId } = await register();
    await call('vault.lock');
    const other = await fail('passkey.unlock', { credentialId, prfOutput: random(32) });
    expect(other?.message).toBe(
      'This passkey cannot unlock this vault. Use another passkey or your passphrase.',
    );
    const unknown = await fail('passkey.unlock', { credentialId: random(16), prfOutput: random(32) });
    expect(unknown?.message).toMatch(/cannot unlock this vault/);
    expect((await fail('passkey.unlock', { credentialId, prfOutput: random(16) }))?.code).toBe('bad-request');
    expect(await status()).toBe('locked');
    await call('vault.unlock', { passphrase: PASS });
    expect(await status()).toBe('unlocked');
  });

  it('keeps several passkeys, each its own slot, and removes one', async () => {
    await createUnlocked();
    const a = await register('Phone');
    const b = await register('Security key');
    expect((await call<PasskeyInfo[]>('passkey.list')).map((p) => p.name)).toEqual(['Phone', 'Security key']);
    const reg = await call<PasskeyRegistration>('passkey.prepare', { passphrase: PASS });
    expect(reg.excludeCredentials.sort()).toEqual([a.credentialId, b.credentialId].sort());
    await call('passkey.cancel', { token: reg.token });

    expect(await call<PasskeyInfo[]>('passkey.remove', { id: a.info.id })).toEqual([b.info]);
    await call('vault.lock');
    expect(
      (await fail('passkey.unlock', { credentialId: a.credentialId, prfOutput: a.prfOutput }))?.message,
    ).toMatch(/cannot unlock this vault/);
    await call('passkey.unlock', { credentialId: b.credentialId, prfOutput: b.prfOutput });
    expect(await status()).toBe('unlocked');
    expect((await vaultMetaItem.getValue())?.slots.map((s) => s.kind).sort()).toEqual([
      'passphrase',
      'prf',
      'recovery',
    ]);
  });

  it('uses a registration once, refuses the same passkey twice, and needs an unlocked vault', async () => {
    await createUnlocked();
    const first = await register();
    const reg = await call<PasskeyRegistration>('passkey.prepare', { passphrase: PASS });
    const again = await fail('passkey.add', {
      token: reg.token,
      credentialId: first.credentialId,
      prfOutput: random(32),
      name: 'x',
    });
    expect(again?.message).toMatch(/already unlocks/);
    // The token is spent even when adding failed.
    const spent = await fail('passkey.add', {
      token: reg.token,
      credentialId: random(16),
      prfOutput: random(32),
      name: 'x',
    });
    expect(spent?.code).toBe('not-found');
    await call('vault.lock');
    expect((await fail('passkey.prepare', { passphrase: PASS }))?.code).toBe('locked');
    expect((await fail('passkey.remove', { id: first.info.id }))?.code).toBe('locked');
    expect(await call<PasskeyInfo[]>('passkey.list')).toHaveLength(1);
  });

  it('forgets a registration after two minutes and zeroes its vault key', () => {
    const vk = new Uint8Array(32).fill(7);
    const t0 = 1_000_000;
    const token = holdVaultKey('vault-1', vk, new Uint8Array(32), t0);
    expect(takeVaultKey(token, t0 + 121_000)).toBeNull();
    expect(vk.every((b) => b === 0)).toBe(true);
    expect(takeVaultKey(token, t0)).toBeNull();
    const again = holdVaultKey('vault-1', new Uint8Array(32).fill(1), new Uint8Array(32), t0);
    expect(takeVaultKey(again, t0 + 60_000)?.vaultId).toBe('vault-1');
  });

  it('locking drops a registration that is still waiting for its passkey', async () => {
    setupPasskey();
    await createUnlocked();
    const reg = await call<PasskeyRegistration>('passkey.prepare', { passphrase: PASS });
    await call('vault.lock');
    await call('vault.unlock', { passphrase: PASS });
    const late = await fail('passkey.add', {
      token: reg.token,
      credentialId: random(16),
      prfOutput: random(32),
      name: 'x',
    });
    expect(late?.code).toBe('not-found');
  });

  it('rejects malformed passkey messages', async () => {
    await createUnlocked();
    expect((await fail('passkey.unlock', { credentialId: 'not base64!', prfOutput: random(32) }))?.code).toBe(
      'bad-request',
    );
    expect((await fail('passkey.add', { token: 'x' }))?.code).toBe('bad-request');
  });
});
