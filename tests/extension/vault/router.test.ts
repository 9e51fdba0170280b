import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateCode } from '../../../crypto-core/otp';
import type { CodeInfo, EntrySummary, VaultState } from '../../../extension/messages';
import { totpEntry } from '../../crypto-core/sample-entry';
import { call, createUnlocked, fail, PASS, popup, resetWorker } from '../worker-harness';

const { fastPassphraseSlots } = await vi.hoisted(() => import('../fast-slots'));
vi.mock('../../../crypto-core/keyslots', fastPassphraseSlots);

// RFC 6238 appendix B SHA1 seed in base32.
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const entry = totpEntry({
  issuer: 'ACME Corp',
  account: 'alice@example.com',
  secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq',
  domains: ['https://login.acme.co.uk/path'],
});

describe('vault in the service worker (fake browser)', () => {
  beforeEach(resetWorker);

  it('refuses messages from anything but Ward’s own pages, and malformed ones', async () => {
    expect(
      (await fail('vault.state', {}, { id: 'test-extension-id', url: 'https://evil.example/' }))?.code,
    ).toBe('forbidden');
    expect((await fail('vault.state', {}, { id: 'other-extension', url: popup.url }))?.code).toBe(
      'forbidden',
    );
    expect((await fail('vault.state', {}, { id: 'test-extension-id' } as typeof popup))?.code).toBe(
      'forbidden',
    );
    expect((await fail('vault.nope'))?.code).toBe('bad-request');
  });

  it('goes none → created (only after confirming) → unlocked, with nothing readable in storage.local', async () => {
    expect((await call<VaultState>('vault.state')).status).toBe('none');
    expect((await fail('vault.create', { passphrase: 'short' }))?.code).toBe('weak-passphrase');
    await call('vault.create', { passphrase: PASS });
    // Not confirmed yet: nothing stored, still "none".
    expect((await call<VaultState>('vault.state')).status).toBe('none');
    expect(await fakeBrowser.storage.local.get('vault')).toEqual({});
    await call('vault.confirmCreate');
    expect((await call<VaultState>('vault.state')).status).toBe('unlocked');

    const added = await call<EntrySummary>('entries.add', { entry });
    expect(added).not.toHaveProperty('secret');
    expect(added.domains).toEqual(['acme.co.uk']);
    const list = await call<EntrySummary[]>('entries.list');
    expect(JSON.stringify(list)).not.toContain(SECRET);

    const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
    for (const needle of [SECRET, 'ACME', 'alice', 'acme.co.uk', PASS]) expect(local).not.toContain(needle);
    const session = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(session).toContain('recordKey');
    expect(session).not.toContain(PASS);
  });

  it('serves codes equal to RFC 6238 TOTP for the stored secret', async () => {
    await createUnlocked();
    const { id } = await call<EntrySummary>('entries.add', { entry });
    const before = Date.now();
    const codes = await call<Record<string, CodeInfo>>('entries.codes', { ids: [id, 'missing'] });
    const reference = { ...entry, secret: SECRET };
    expect([generateCode(reference, before), generateCode(reference, Date.now())]).toContain(codes[id]?.code);
    expect(codes[id]?.periodMs).toBe(30_000);
    expect(codes.missing).toBeUndefined();
    expect((await call<{ secret: string }>('entries.secret', { id })).secret).toBe(SECRET);
  });

  it('validates new entries with clear error codes', async () => {
    await createUnlocked();
    expect((await fail('entries.add', { entry: { ...entry, secret: '1!' } }))?.code).toMatch(
      /invalid-secret|missing-secret/,
    );
    expect((await fail('entries.add', { entry: { ...entry, digits: 4 } }))?.code).toBe('invalid-digits');
    expect((await fail('entries.add', { entry: { ...entry, period: 0 } }))?.code).toBe('invalid-period');
    expect((await fail('entries.add', { entry: { ...entry, domains: ['not a domain'] } }))?.code).toBe(
      'bad-request',
    );
    const check = await call<{ valid: boolean; message: string }>('entries.checkSecret', { secret: 'abc!' });
    expect(check.valid).toBe(false);
    expect(check.message).not.toBe('');
  });

  it('adds from pasted otpauth and Google Authenticator migration links', async () => {
    await createUnlocked();
    const uri = `otpauth://totp/GitHub:bob?secret=${SECRET}&issuer=GitHub`;
    const previews = await call<{ issuer: string }[]>('entries.parse', { text: uri });
    expect(previews).toEqual([{ index: 0, type: 'totp', issuer: 'GitHub', account: 'bob' }]);
    await call('entries.addParsed', { text: uri, pick: [0] });
    // Google Authenticator export with one TOTP entry (secret "Hello!", name "test", issuer "Example").
    const { toMigrationUris } = await import('../../../crypto-core/migration');
    const [migration] = toMigrationUris([
      { ...entry, issuer: 'Example', account: 'test', secret: 'JBSWY3DPEE', domains: [] },
    ]);
    const more = await call<{ issuer: string }[]>('entries.parse', { text: migration });
    expect(more.map((p) => p.issuer)).toEqual(['Example']);
    await call('entries.addParsed', { text: migration, pick: [0] });
    expect((await call<EntrySummary[]>('entries.list')).map((e) => e.issuer)).toEqual(['GitHub', 'Example']);
    expect((await fail('entries.parse', { text: 'https://example.com' }))?.code).toBeTruthy();
  });

  it('edits, pins, reorders, advances HOTP, deletes and undoes', async () => {
    await createUnlocked();
    const a = await call<EntrySummary>('entries.add', { entry: { ...entry, issuer: 'A' } });
    const b = await call<EntrySummary>('entries.add', { entry: { ...entry, issuer: 'B' } });
    const h = await call<EntrySummary>('entries.add', {
      entry: { ...entry, issuer: 'H', type: 'hotp', counter: 0, secret: SECRET },
    });
    const order = async () => (await call<EntrySummary[]>('entries.list')).map((e) => e.issuer);
    expect(await order()).toEqual(['A', 'B', 'H']);

    await call('entries.move', { id: h.id, afterId: null });
    expect(await order()).toEqual(['H', 'A', 'B']);
    await call('entries.update', {
      id: b.id,
      patch: { pinned: true, note: 'backup codes in the safe', tags: [' x ', 'x'] },
    });
    expect(await order()).toEqual(['B', 'H', 'A']);
    const edited = (await call<EntrySummary[]>('entries.list'))[0];
    expect(edited?.tags).toEqual(['x']);
    expect(edited?.note).toBe('backup codes in the safe');

    // RFC 4226 appendix D: counter 1 → 287082, counter 2 → 359152.
    expect((await call<CodeInfo>('entries.nextHotp', { id: h.id })).code).toBe('287082');
    expect((await call<CodeInfo>('entries.nextHotp', { id: h.id })).code).toBe('359152');
    expect((await fail('entries.nextHotp', { id: a.id }))?.code).toBe('bad-request');

    const { undoUntil } = await call<{ undoUntil: number }>('entries.delete', { id: a.id });
    expect(undoUntil).toBeGreaterThan(Date.now());
    expect(await order()).toEqual(['B', 'H']);
    await call('entries.undoDelete', { id: a.id });
    expect(await order()).toEqual(['B', 'H', 'A']);
    expect((await fail('entries.undoDelete', { id: a.id }))?.code).toBe('not-found');

    // After locking, a deleted entry keeps only its tombstone (for sync), no ciphertext.
    await call('entries.delete', { id: a.id });
    await call('vault.lock');
    const records = (await fakeBrowser.storage.local.get('records')).records as Record<
      string,
      { blob: unknown }
    >;
    expect(records[a.id]?.blob).toBeNull();
    expect(records[b.id]?.blob).toEqual(expect.any(String));
  });

  it('locks, wipes keys, delays after a wrong passphrase and unlocks with the right one', async () => {
    await createUnlocked();
    await call('entries.add', { entry });
    await call('vault.lock');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('recordKey');
    expect((await fail('entries.list'))?.code).toBe('locked');

    const wrong = await fail('vault.unlock', { passphrase: 'wrong passphrase here' });
    expect(wrong?.code).toBe('wrong-passphrase');
    expect(wrong?.retryAt).toBeGreaterThan(Date.now());
    const state = await call<VaultState>('vault.state');
    expect(state.failures).toBe(1);
    // Even the right passphrase waits out the delay.
    expect((await fail('vault.unlock', { passphrase: PASS }))?.code).toBe('throttled');

    vi.useFakeTimers({ now: Date.now() + 1_500, toFake: ['Date'] });
    try {
      await call('vault.unlock', { passphrase: PASS });
    } finally {
      vi.useRealTimers();
    }
    expect((await call<VaultState>('vault.state')).failures).toBe(0);
    expect((await call<EntrySummary[]>('entries.list')).map((e) => e.issuer)).toEqual(['ACME Corp']);
  });

  it('locks after the idle timeout, from the alarm or on the next message', async () => {
    await createUnlocked();
    await call('settings.set', { autoLockMinutes: 1 });
    await call('entries.list'); // activity re-arms the alarm (written just after the reply)
    await new Promise((r) => setTimeout(r, 20));
    const alarm = await fakeBrowser.alarms.get('ward-idle-lock');
    expect(alarm?.scheduledTime).toBeGreaterThan(Date.now() + 55_000);

    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ['Date'] });
    try {
      expect((await call<VaultState>('vault.state')).status).toBe('locked');
    } finally {
      vi.useRealTimers();
    }
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('recordKey');
  });

  it('does not count an open popup refreshing its codes as activity', async () => {
    await createUnlocked();
    const { id } = await call<EntrySummary>('entries.add', { entry });
    await call('settings.set', { autoLockMinutes: 1 });
    await call('entries.list');
    await new Promise((r) => setTimeout(r, 20));
    const start = Date.now();
    vi.useFakeTimers({ now: start + 50_000, toFake: ['Date'] });
    await call('entries.codes', { ids: [id] });
    vi.setSystemTime(start + 61_000);
    try {
      expect((await call<VaultState>('vault.state')).status).toBe('locked');
    } finally {
      vi.useRealTimers();
    }
  });

  it('never locks on idle when set to "when the browser closes"', async () => {
    await createUnlocked();
    await call('settings.set', { autoLockMinutes: 0 });
    await call('entries.list');
    await new Promise((r) => setTimeout(r, 20));
    expect(await fakeBrowser.alarms.get('ward-idle-lock')).toBeUndefined();
    vi.useFakeTimers({ now: Date.now() + 24 * 3_600_000, toFake: ['Date'] });
    try {
      expect((await call<VaultState>('vault.state')).status).toBe('unlocked');
    } finally {
      vi.useRealTimers();
    }
  });

  it('exports an encrypted backup and imports it without duplicates', async () => {
    await createUnlocked();
    await call('entries.add', { entry });
    const backup = await call<{ fileName: string; text: string }>('backup.export', {
      password: 'backup password 1',
    });
    expect(backup.fileName).toMatch(/^ward-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(backup.text).not.toContain('ACME');
    expect((await fail('backup.import', { data: backup.text, encoding: 'utf8' }))?.code).toBe(
      'password-required',
    );
    const again = await call<{ added: number; skipped: number }>('backup.import', {
      data: backup.text,
      encoding: 'utf8',
      password: 'backup password 1',
    });
    expect(again).toMatchObject({ added: 0, skipped: 1 });
  });

  it('recovers a forgotten passphrase with the 24 words and keeps every entry', async () => {
    const words = await createUnlocked();
    await call('entries.add', { entry });
    await call('vault.lock');
    const NEW = 'a brand new passphrase for ward';
    // A well-formed recovery key of another vault.
    const { generateRecoveryKey } = await import('../../../crypto-core/keyslots');
    const wrongWords = generateRecoveryKey().words.join(' ');
    expect((await fail('vault.recover', { words: wrongWords, passphrase: NEW }))?.code).toBe(
      'invalid-recovery-key',
    );
    expect((await fail('vault.recover', { words: 'not words', passphrase: NEW }))?.code).toBe(
      'invalid-recovery-key',
    );
    expect(
      (await call<VaultState>('vault.recover', { words: words.join(' '), passphrase: NEW })).status,
    ).toBe('unlocked');
    expect((await call<EntrySummary[]>('entries.list')).map((e) => e.issuer)).toEqual(['ACME Corp']);

    await call('vault.lock');
    expect((await fail('vault.unlock', { passphrase: PASS }))?.code).toBe('wrong-passphrase');
    vi.useFakeTimers({ now: Date.now() + 1_500, toFake: ['Date'] });
    try {
      expect((await call<VaultState>('vault.unlock', { passphrase: NEW })).status).toBe('unlocked');
    } finally {
      vi.useRealTimers();
    }
  });

  it('changes the passphrase only with the current one', async () => {
    await createUnlocked();
    const NEW = 'another long passphrase entirely';
    expect((await fail('vault.changePassphrase', { current: 'not it at all', next: NEW }))?.code).toBe(
      'wrong-passphrase',
    );
    vi.useFakeTimers({ now: Date.now() + 1_500, toFake: ['Date'] });
    try {
      expect((await fail('vault.changePassphrase', { current: PASS, next: 'short' }))?.code).toBe(
        'weak-passphrase',
      );
      await call('vault.changePassphrase', { current: PASS, next: NEW });
      await call('vault.lock');
      expect((await call<VaultState>('vault.unlock', { passphrase: NEW })).status).toBe('unlocked');
    } finally {
      vi.useRealTimers();
    }
    const meta = (await fakeBrowser.storage.local.get('vault')).vault as { slots: { kind: string }[] };
    expect(meta.slots.map((s) => s.kind).sort()).toEqual(['passphrase', 'recovery']);
  });

  it('still opens the other entries when one stored record is damaged', async () => {
    await createUnlocked();
    const a = await call<EntrySummary>('entries.add', { entry: { ...entry, issuer: 'A' } });
    await call<EntrySummary>('entries.add', { entry: { ...entry, issuer: 'B' } });
    await call('vault.lock');
    const { records } = (await fakeBrowser.storage.local.get('records')) as {
      records: Record<string, { blob: string }>;
    };
    const blob = records[a.id]?.blob as string;
    (records[a.id] as { blob: string }).blob =
      `${blob.slice(0, -4)}${blob.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await fakeBrowser.storage.local.set({ records });
    await call('vault.unlock', { passphrase: PASS });
    expect((await call<EntrySummary[]>('entries.list')).map((e) => e.issuer)).toEqual(['B']);
    expect((await call<{ unreadable: number }>('vault.open')).unreadable).toBe(1);
  });
});
