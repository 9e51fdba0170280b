import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseMigrationUri } from '../../../crypto-core/migration';
import { generateCode } from '../../../crypto-core/otp';
import { setExportListener } from '../../../extension/capture/audit';
import { classifyTexts } from '../../../extension/capture/classify';
import {
  IMPORT_PROGRESS_EVENT,
  type ImportOutcome,
  type PendingScan,
} from '../../../extension/capture/messages';
import { savePending } from '../../../extension/capture/pending';
import type { EntrySummary } from '../../../extension/messages';
import { ACCOUNTS } from '../../crypto-core/importers/accounts';
import { PASSWORD } from '../../crypto-core/importers/fixture-kit';
import { aegisEncrypted } from '../../crypto-core/importers/fixtures-phone';
import { call, fail, PASS, resetWorker } from '../worker-harness';

const { fastPassphraseSlots } = await vi.hoisted(() => import('../fast-slots'));
vi.mock('../../../crypto-core/keyslots', fastPassphraseSlots);

const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 6238 SHA1 seed
const LIST = [
  `otpauth://totp/ACME:alice?secret=${RFC_SECRET}&issuer=ACME`,
  'otpauth://totp/Example:bob?secret=JBSWY3DPEHPK3PXP&issuer=Example&digits=8',
  'otpauth://steam/Steam:carol?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Steam',
].join('\n');
const importList = (text: string, duplicates?: string) =>
  call<ImportOutcome>('import.file', { data: text, encoding: 'utf8', ...(duplicates ? { duplicates } : {}) });

describe('capture, import and export in the service worker (fake browser)', () => {
  beforeEach(async () => {
    await resetWorker();
    await call('vault.create', { passphrase: PASS });
    await call('vault.confirmCreate');
  });

  it('imports a file, then asks before touching duplicates, and applies the answer to all', async () => {
    expect(await importList(LIST)).toEqual({
      status: 'done',
      format: 'otpauth-list',
      added: 3,
      replaced: 0,
      skipped: 0,
      errors: [],
    });
    // Same secrets again, one renamed: nothing is written until the user chooses.
    const again = LIST.replace('ACME:alice', 'ACME:alice-renamed');
    expect(await importList(again)).toEqual({
      status: 'duplicates',
      format: 'otpauth-list',
      duplicates: 3,
      total: 3,
    });
    expect(await call<EntrySummary[]>('entries.list')).toHaveLength(3);

    expect(await importList(again, 'replace')).toMatchObject({
      status: 'done',
      added: 0,
      replaced: 3,
      skipped: 0,
    });
    const list = await call<EntrySummary[]>('entries.list');
    expect(list.map((e) => e.account)).toEqual(['alice-renamed', 'bob', 'carol']);

    expect(await importList(again, 'keep')).toMatchObject({ status: 'done', added: 3 });
    expect(await call<EntrySummary[]>('entries.list')).toHaveLength(6);
  });

  it('reports progress to open pages while an encrypted file is opened', async () => {
    const events: { done: number; total: number }[] = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => {
      const e = m as { event?: string; done: number; total: number };
      if (e.event === IMPORT_PROGRESS_EVENT) events.push({ done: e.done, total: e.total });
    });
    const data = Buffer.from(aegisEncrypted()).toString('base64');
    expect(await fail('import.file', { data, encoding: 'base64' })).toMatchObject({
      code: 'password-required',
    });
    expect(await fail('import.file', { data, encoding: 'base64', password: 'wrong' })).toMatchObject({
      code: 'bad-password',
    });
    const r = await call<ImportOutcome>('import.file', { data, encoding: 'base64', password: PASSWORD });
    expect(r).toMatchObject({ status: 'done', format: 'aegis', added: ACCOUNTS.length });
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toEqual({ done: events.at(-1)?.total, total: events.at(-1)?.total });
  });

  it('reports per-entry errors with labels and never echoes the bad line', async () => {
    const r = await importList(`${LIST}\notpauth://totp/Broken:eve?secret=1111&issuer=Broken`);
    expect(r.status === 'done' && r.added).toBe(3);
    expect(r.status === 'done' && r.errors).toHaveLength(1);
    const err = r.status === 'done' ? r.errors[0] : undefined;
    expect(JSON.stringify(err)).not.toContain('secret=1111');
  });

  it('confirms a scan: previews carry a live code but no secret; the pick is added with the domain', async () => {
    await savePending(classifyTexts(LIST.split('\n'), 'example.com'), 'tab');
    const pending = await call<PendingScan>('capture.pending');
    expect(pending.previews.map((p) => p.issuer)).toEqual(['ACME', 'Example', 'Steam']);
    expect(JSON.stringify(pending)).not.toContain(RFC_SECRET);
    const acme = pending.previews[0];
    expect(acme?.code.code).toBe(
      generateCode(
        {
          type: 'totp',
          issuer: '',
          account: '',
          secret: RFC_SECRET,
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
        },
        acme?.code.periodStartMs ?? 0,
      ),
    );
    expect(await call('capture.add', { pick: [0, 2] })).toEqual({
      status: 'done',
      added: 2,
      replaced: 0,
      skipped: 0,
    });
    const list = await call<EntrySummary[]>('entries.list');
    expect(list.map((e) => [e.issuer, e.domains])).toEqual([
      ['ACME', ['example.com']],
      ['Steam', ['example.com']],
    ]);
    expect(await call('capture.pending')).toBeNull(); // added scans are forgotten

    await savePending(classifyTexts([LIST.split('\n')[0] as string], 'example.com'), 'tab');
    expect(await call('capture.add', { pick: [0] })).toEqual({
      status: 'duplicates',
      duplicates: 1,
      total: 1,
    });
    expect(await call('capture.add', { pick: [0], duplicates: 'skip' })).toMatchObject({
      skipped: 1,
      added: 0,
    });
    expect(await fail('capture.add', { pick: [0], duplicates: 'merge' })).toMatchObject({
      code: 'bad-request',
    });
    // The site the user edited replaces the pre-filled one; a non-domain is refused, not dropped.
    await savePending(classifyTexts([LIST.split('\n')[0] as string], 'example.com'), 'tab');
    expect(
      await fail('capture.add', { pick: [0], duplicates: 'keep', domains: ['not a domain'] }),
    ).toMatchObject({ code: 'bad-request' });
    await call('capture.add', { pick: [0], duplicates: 'keep', domains: ['https://login.acme.co.uk/x'] });
    expect((await call<EntrySummary[]>('entries.list')).at(-1)?.domains).toEqual(['acme.co.uk']);
  });

  it('exports an otpauth list that imports back, and logs each export', async () => {
    const kinds: string[] = [];
    setExportListener((k) => {
      kinds.push(k);
    });
    await importList(LIST);
    const out = await call<{ fileName: string; text: string }>('export.plain', { format: 'otpauth' });
    expect(out.fileName).toMatch(/^ward-otpauth-\d{4}-\d{2}-\d{2}\.txt$/);
    expect(out.text.trim().split('\n')).toHaveLength(3);
    const aegis = await call<{ text: string }>('export.plain', { format: 'aegis' });
    expect(JSON.parse(aegis.text).db.entries).toHaveLength(3);
    // Round trip: the exported list, imported, is all duplicates of what is there.
    expect(await importList(out.text)).toMatchObject({ status: 'duplicates', duplicates: 3 });
    expect(kinds).toEqual(['otpauth', 'aegis']);
    setExportListener(null);
  });

  it('exports migration codes for what Google Authenticator can hold, naming the rest', async () => {
    await importList(LIST);
    const r = await call<{ uris: string[]; skipped: { label: string; reason: string }[] }>(
      'export.migration',
    );
    expect(r.uris.flatMap((u) => parseMigrationUri(u)).map((e) => e.issuer)).toEqual(['ACME', 'Example']);
    expect(r.skipped).toEqual([
      { label: 'Steam · carol', reason: 'Google Authenticator cannot hold Steam Guard codes' },
    ]);
  });

  it('gives one entry’s otpauth:// link for its QR code', async () => {
    await importList(LIST);
    const [first] = await call<EntrySummary[]>('entries.list');
    const r = await call<{ uri: string; label: string }>('export.entryUri', { id: first?.id });
    expect(r.label).toBe('ACME · alice');
    expect(new URL(r.uri).searchParams.get('secret')).toBe(RFC_SECRET);
  });

  it('refuses while locked', async () => {
    await call('vault.lock');
    expect(await fail('export.plain', { format: 'otpauth' })).toMatchObject({ code: 'locked' });
    expect(await fail('import.file', { data: LIST, encoding: 'utf8' })).toMatchObject({ code: 'locked' });
  });
});
