// Real export files written by the other apps themselves (collected by the Aegis project), read from
// <repo>/../shared/fixtures/other-apps and never copied into this repository. Every entry must match
// its account in plain.txt, with the exceptions that folder's README lists.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../crypto-core/entry';
import { importFileDetailed, toImportInput } from '../../../crypto-core/importers/import-file';
import { IMPORTERS } from '../../../crypto-core/importers/registry';
import { generateCode } from '../../../crypto-core/otp';
import { parseOtpauthUri } from '../../../crypto-core/uri';
import { otpFields } from './accounts';

const DIR = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../..'),
  '..',
  'shared',
  'fixtures',
  'other-apps',
);
const PASSWORD = 'test'; // from that folder's README
const AT_MS = 1_700_000_000_000;

// file → [importer id, number of accounts the app could hold]
const FILES: Record<string, [string, number]> = {
  'aegis_plain.json': ['aegis', 7],
  'aegis_encrypted.json': ['aegis', 7],
  '2fas_authenticator_plain_v3.2fas': ['twofas', 6],
  '2fas_authenticator_plain_v4.2fas': ['twofas', 5],
  '2fas_authenticator_encrypted_v3.2fas': ['twofas', 6],
  '2fas_authenticator_encrypted_v4.2fas': ['twofas', 5],
  'andotp_plain.json': ['andotp', 7],
  'andotp_encrypted.bin': ['andotp', 7],
  'bitwarden.json': ['bitwarden', 4],
  'bitwarden.csv': ['bitwarden', 4],
  'ente_auth.txt': ['ente', 7],
  'freeotp_plus.json': ['freeotp', 6],
  'proton_authenticator.json': ['proton', 3],
  'stratum_plain.json': ['stratum', 7],
  'plain.txt': ['otpauth-list', 7],
};

const present = existsSync(join(DIR, 'plain.txt'));
if (!present) console.warn(`SKIPPED: real export files of other apps not found in ${DIR}`);

describe.skipIf(!present)('real export files of other apps', () => {
  const plain = present
    ? readFileSync(join(DIR, 'plain.txt'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map(parseOtpauthUri)
    : [];

  const cases = Object.entries(FILES).map(([file, [format, count]]) => ({ file, format, count }));
  it.each(cases)('$file imports as $format, matching plain.txt', async ({ file, format, count }) => {
    const data = new Uint8Array(readFileSync(join(DIR, file)));
    // Detected as itself only (Ente's lines are also a plain link list, but the list must score lower).
    const input = toImportInput(data);
    const scores = IMPORTERS.map((i) => ({ id: i.id, score: i.detect(input) }));
    const own = scores.find((x) => x.id === format)?.score ?? 0;
    const rivals = scores.filter((x) => x.id !== format && x.score > 0);
    expect(rivals.filter((x) => !(format === 'ente' && x.id === 'otpauth-list'))).toEqual([]);
    for (const r of rivals) expect(r.score).toBeLessThan(own);
    const result = await importFileDetailed(data, { password: PASSWORD });
    expect(result.format).toBe(format);
    expect(result.errors).toEqual([]);
    expect(result.entries).toHaveLength(count);
    for (const got of result.entries) {
      const want = plain.find((p) => p.secret === got.secret) as Entry;
      expect(want, 'every entry is one of plain.txt').toBeDefined();
      let expected = otpFields(want);
      // README: Bitwarden keeps only steam://<secret>, so no issuer or account can be recovered.
      if (format === 'bitwarden' && got.type === 'steam')
        expected = { ...expected, issuer: got.issuer, account: '' };
      // README: FreeOTP+ stores the HOTP counter one less than it was given; either reading is accepted.
      if (format === 'freeotp' && got.type === 'hotp' && got.counter === want.counter - 1)
        expected.counter = got.counter;
      expect(otpFields(got)).toEqual(expected);
      expect(generateCode(got, AT_MS)).toBe(generateCode(expected, AT_MS));
    }
  });
});
