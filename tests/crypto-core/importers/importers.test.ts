// One table-driven test over every importer and every fixture the generator writes from the canonical
// accounts: the format is detected as itself only, every entry comes back with the same parameters,
// and each produces the RFC code at the fixed time.
import { beforeAll, describe, expect, it } from 'vitest';
import { importFileDetailed, toImportInput } from '../../../crypto-core/importers/import-file';
import { IMPORTERS } from '../../../crypto-core/importers/registry';
import { generateCode } from '../../../crypto-core/otp';
import { AT_MS, otpFields } from './accounts';
import { allFixtures, type Fixture } from './fixtures';

let fixtures: Fixture[] = [];
beforeAll(async () => {
  fixtures = await allFixtures();
});

const NAMES = [
  'aegis plain',
  'aegis encrypted',
  '2fas v3 plain',
  '2fas v4 plain',
  '2fas v3 encrypted',
  '2fas v4 encrypted',
  'andotp plain',
  'andotp encrypted',
  'bitwarden json',
  'bitwarden csv',
  'ente plain text',
  'proton plain',
  'proton encrypted',
  'freeotp+',
  'stratum plain',
  'stratum encrypted',
  'stratum legacy encrypted',
  'authenticator extension',
];

const byName = (name: string) => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
};

describe('every generated fixture', () => {
  it('covers every foreign importer in the registry', () => {
    const covered = new Set(fixtures.map((f) => f.format));
    const foreign = IMPORTERS.map((i) => i.id).filter((id) => id !== 'otpauth-list' && id !== 'ward-backup');
    expect([...covered].sort()).toEqual(foreign.sort());
    expect(fixtures.map((f) => f.name)).toEqual(NAMES);
  });

  it.each(NAMES)('%s is detected as its own format only', (name) => {
    const f = byName(name);
    const input = toImportInput(f.data);
    const scores = IMPORTERS.map((i) => ({ id: i.id, score: i.detect(input) }));
    const own = scores.find((s) => s.id === f.format);
    expect(own?.score).toBeGreaterThan(0);
    // Ente's lines are otpauth:// URIs too; the list importer may claim them, but never as strongly.
    const others = scores.filter(
      (s) => s.id !== f.format && !(f.format === 'ente' && s.id === 'otpauth-list'),
    );
    expect(others.filter((s) => s.score > 0)).toEqual([]);
    for (const s of scores) if (s.id !== f.format) expect(s.score).toBeLessThan(own?.score ?? 0);
  });

  it.each(NAMES)('%s imports every account with the same parameters and codes', async (name) => {
    const f = byName(name);
    const result = await importFileDetailed(f.data, f.password ? { password: f.password } : {});
    expect(result.format).toBe(f.format);
    expect(result.errors).toEqual([]);
    expect(result.entries.map(otpFields)).toEqual(f.expected.map((a) => a.entry));
    expect(result.entries.map((e) => generateCode(e, AT_MS))).toEqual(f.expected.map((a) => a.code));
  });

  it.each(NAMES.filter((n) => n.includes('encrypted')))('%s asks for its password', async (name) => {
    const f = byName(name);
    await expect(importFileDetailed(f.data)).rejects.toMatchObject({ code: 'password-required' });
    await expect(importFileDetailed(f.data, { password: 'not the password' })).rejects.toMatchObject({
      code: 'bad-password',
    });
  });
});
