import { beforeEach, describe, expect, it, vi } from 'vitest';
import { generateRecoveryKey } from '../../../crypto-core/keyslots';
import { type RecoveryEvent, setRecoveryAuditListener } from '../../../extension/recovery/audit';
import type { RecoveryKit, RecoveryShareInfo } from '../../../extension/recovery/messages';
import { vaultMetaItem } from '../../../extension/vault/items';
import { call, createUnlocked, fail, PASS, resetBrowser, status } from './setup';

const { fastPassphraseSlots } = await vi.hoisted(() => import('../fast-slots'));
vi.mock('../../../crypto-core/keyslots', fastPassphraseSlots);

const NEW_PASS = 'a brand new passphrase for ward';

describe('recovery key and recovery kit in the service worker', () => {
  beforeEach(resetBrowser);

  it('reports the last confirmation: vault creation first, then each successful check', async () => {
    const words = await createUnlocked();
    const createdAt = (await vaultMetaItem.getValue())?.createdAt;
    expect(await call('recovery.status')).toEqual({ confirmedAt: createdAt });

    const someoneElse = generateRecoveryKey().words.join(' ');
    expect((await fail('recovery.confirm', { words: someoneElse }))?.message).toMatch(/not this vault’s/);
    expect((await fail('recovery.confirm', { words: 'abandon ability' }))?.code).toBe('invalid-recovery-key');
    expect(await call('recovery.status')).toEqual({ confirmedAt: createdAt });

    const before = Date.now();
    const { confirmedAt } = await call<{ confirmedAt: number }>('recovery.confirm', {
      words: words.join(' '),
    });
    expect(confirmedAt).toBeGreaterThanOrEqual(before);
    expect(await call('recovery.status')).toEqual({ confirmedAt });
  });

  it('makes a 2-of-3 kit whose any two shares recover the vault with a new passphrase', async () => {
    const words = await createUnlocked();
    const events: RecoveryEvent[] = [];
    setRecoveryAuditListener((e) => void events.push(e));
    const kit = await call<RecoveryKit>('recovery.makeKit', {
      words: words.join(' '),
      threshold: 2,
      total: 3,
    });
    expect(kit.shares).toHaveLength(3);
    expect(kit.shares.map((s) => [s.index, s.threshold, s.total, s.kitId])).toEqual([
      [1, 2, 3, kit.kitId],
      [2, 2, 3, kit.kitId],
      [3, 2, 3, kit.kitId],
    ]);
    const [a, b, c] = kit.shares as [
      RecoveryKit['shares'][0],
      RecoveryKit['shares'][0],
      RecoveryKit['shares'][0],
    ];
    expect(await call<RecoveryShareInfo>('recovery.readShare', { share: c.words.join(' ') })).toEqual({
      kitId: kit.kitId,
      index: 3,
      threshold: 2,
      total: 3,
    });

    await call('vault.lock');
    expect(
      (await fail('recovery.fromKit', { shares: [a.words.join(' ')], passphrase: NEW_PASS }))?.code,
    ).toBe('too-few-shares');
    expect(await status()).toBe('locked');
    // Share 3 typed as words, share 1 as its QR text.
    await call('recovery.fromKit', { shares: [c.words.join(' '), a.qr], passphrase: NEW_PASS });
    expect(await status()).toBe('unlocked');
    // The account's audit log hears of the kit and of its use (counts only, no shares).
    expect(events).toEqual([
      { kind: 'recovery-kit-created', detail: { shares: 3, threshold: 2 } },
      { kind: 'recovery-key-used' },
    ]);
    setRecoveryAuditListener(null);

    await call('vault.lock');
    expect((await fail('vault.unlock', { passphrase: PASS }))?.code).toBe('wrong-passphrase');
    // The wrong guess above is throttled; recovering again resets that.
    await call('recovery.fromKit', { shares: [b.words.join(' '), a.words.join(' ')], passphrase: PASS });
    await call('vault.lock');
    await call('vault.unlock', { passphrase: PASS });
    expect(await status()).toBe('unlocked');
  });

  it('refuses shares of two kits, a kit of another vault, a weak passphrase and bad counts', async () => {
    const words = await createUnlocked();
    const one = await call<RecoveryKit>('recovery.makeKit', {
      words: words.join(' '),
      threshold: 2,
      total: 2,
    });
    const two = await call<RecoveryKit>('recovery.makeKit', {
      words: words.join(' '),
      threshold: 2,
      total: 2,
    });
    expect((await fail('recovery.makeKit', { words: words.join(' '), threshold: 3, total: 2 }))?.code).toBe(
      'invalid-argument',
    );
    expect((await fail('recovery.makeKit', { words: words.join(' '), threshold: 2, total: 11 }))?.code).toBe(
      'bad-request',
    );
    const someoneElse = generateRecoveryKey().words.join(' ');
    expect((await fail('recovery.makeKit', { words: someoneElse, threshold: 2, total: 3 }))?.code).toBe(
      'invalid-recovery-key',
    );
    await call('vault.lock');
    expect((await fail('recovery.makeKit', { words: words.join(' '), threshold: 2, total: 3 }))?.code).toBe(
      'locked',
    );
    const mixed = [one.shares[0]?.qr, two.shares[1]?.qr] as string[];
    expect((await fail('recovery.fromKit', { shares: mixed, passphrase: NEW_PASS }))?.code).toBe(
      'mixed-kits',
    );
    const good = one.shares.map((s) => s.qr);
    expect((await fail('recovery.fromKit', { shares: good, passphrase: 'short' }))?.code).toBe(
      'weak-passphrase',
    );

    // A kit of another vault: the shares combine, but the key opens no slot here.
    await resetBrowser();
    await createUnlocked();
    await call('vault.lock');
    expect((await fail('recovery.fromKit', { shares: good, passphrase: NEW_PASS }))?.code).toBe(
      'invalid-recovery-key',
    );
    expect(await status()).toBe('locked');
  });
});
