// Plaintext exports: each one read back by importFile gives the same entries (round trip), and the
// Aegis file follows Aegis's documented vault format (docs/vault.md, content version 3).
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../crypto-core/entry';
import { importFileDetailed } from '../../crypto-core/importers/import-file';
import { generateCode } from '../../crypto-core/otp';
import { exportAegisJson, exportOtpauthList } from '../../crypto-core/plain-export';
import { ACCOUNTS, AT_MS, otpFields } from './importers/accounts';

const ENTRIES = ACCOUNTS.map((a) => a.entry);
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==';

const rich: Entry[] = ENTRIES.map((e, i) => ({
  ...e,
  ...(i === 0 ? { tags: ['Work', 'Mail'], note: 'recovery codes in the safe', pinned: true, icon: PNG } : {}),
  ...(i === 1 ? { tags: ['Work'], domains: ['example.com'], color: '#336699' } : {}),
}));

describe('otpauth:// list export', () => {
  it('round-trips through importFile with every parameter and code intact', async () => {
    const text = exportOtpauthList(ENTRIES);
    expect(text.trimEnd().split('\n')).toHaveLength(ENTRIES.length);
    const { format, entries, errors } = await importFileDetailed(text);
    expect(format).toBe('otpauth-list');
    expect(errors).toEqual([]);
    expect(entries).toEqual(ENTRIES);
    expect(entries.map((e) => generateCode(e, AT_MS))).toEqual(ACCOUNTS.map((a) => a.code));
  });
});

describe('Aegis-compatible plain JSON export', () => {
  it('round-trips through importFile, keeping tags, note, favourite and icon', async () => {
    const { format, entries, errors } = await importFileDetailed(exportAegisJson(rich));
    expect(format).toBe('aegis');
    expect(errors).toEqual([]);
    expect(entries.map(otpFields)).toEqual(ENTRIES);
    expect(entries[0]).toMatchObject({
      tags: ['Work', 'Mail'],
      note: 'recovery codes in the safe',
      pinned: true,
      icon: PNG,
    });
    // Aegis has no place for autofill domains or a colour: those stay in Ward.
    expect(entries[1]).toEqual({ ...ENTRIES[1], tags: ['Work'] });
  });

  it('is an unencrypted Aegis vault: header without slots, content version 3, groups by uuid', () => {
    const vault = JSON.parse(exportAegisJson(rich));
    expect(vault.version).toBe(1);
    expect(vault.header).toEqual({ slots: null, params: null });
    expect(vault.db.version).toBe(3);
    expect(vault.db.groups.map((g: { name: string }) => g.name)).toEqual(['Work', 'Mail']);
    const [first, , , , hotp, steam] = vault.db.entries;
    expect(first.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first).toMatchObject({
      type: 'totp',
      name: 'alice@example.com',
      issuer: 'ACME Co',
      favorite: true,
      icon_mime: 'image/png',
    });
    expect(first.info).toEqual({ secret: ENTRIES[0]?.secret, algo: 'SHA1', digits: 8, period: 30 });
    expect(first.groups).toHaveLength(2);
    expect(hotp.info).toEqual({ secret: ENTRIES[4]?.secret, algo: 'SHA1', digits: 6, counter: 7 });
    expect(steam).toMatchObject({ type: 'steam', icon: null, info: { algo: 'SHA1', digits: 5, period: 30 } });
    expect(new Set(vault.db.entries.map((e: { uuid: string }) => e.uuid)).size).toBe(ENTRIES.length);
  });

  it('an empty vault is still a valid Aegis file', async () => {
    const vault = JSON.parse(exportAegisJson([]));
    expect(vault.db).toEqual({ version: 3, entries: [], groups: [] });
  });
});
