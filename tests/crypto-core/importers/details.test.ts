// What each importer keeps beyond the OTP parameters, and the quirks of particular apps.
import { describe, expect, it } from 'vitest';
import { enteImporter } from '../../../crypto-core/importers/ente';
import { importFileDetailed, toImportInput } from '../../../crypto-core/importers/import-file';
import { ACCOUNTS, SECRET_SHA1 } from './accounts';
import { andotpPlain, bitwardenJson, twofas, uriOf } from './fixtures';

const first = ACCOUNTS[0]?.entry;

describe('importer details', () => {
  it('Bitwarden keeps each login site as an autofill domain (registrable domain)', async () => {
    const { entries } = await importFileDetailed(bitwardenJson());
    expect(entries[0]?.domains).toEqual(['example.co.uk']);
  });

  it('Ente keeps pinned, tags and note from codeDisplay and never brings back trashed codes', () => {
    if (!first) throw new Error('no account');
    const display = (d: object) => `&codeDisplay=${encodeURIComponent(JSON.stringify(d))}`;
    const text = [
      uriOf(first, display({ pinned: true, trashed: false, tags: ['Work'], note: 'desk' })),
      uriOf({ ...first, issuer: 'Deleted' }, display({ pinned: false, trashed: true, tags: [] })),
    ].join('\n');
    const { entries, errors } = enteImporter.convert(enteImporter.read(toImportInput(text)));
    expect(errors).toEqual([]);
    expect(entries).toEqual([{ ...first, pinned: true, tags: ['Work'], note: 'desk' }]);
  });

  it('andOTP files from before its issuer field split "Issuer - account" labels', async () => {
    const file = JSON.parse(andotpPlain());
    for (const e of file) {
      e.label = `${e.issuer} - ${e.label}`;
      delete e.issuer;
    }
    const { entries } = await importFileDetailed(JSON.stringify(file));
    expect(entries.map((e) => [e.issuer, e.account])).toEqual(
      ACCOUNTS.map((a) => [a.entry.issuer, a.entry.account]),
    );
  });

  it('2FAS shows the service name the user gave, falling back to the issuer', async () => {
    const file = JSON.parse(twofas(4, false));
    file.services[0].name = 'My renamed ACME';
    file.services[1].name = '';
    const { entries } = await importFileDetailed(JSON.stringify(file));
    expect(entries[0]?.issuer).toBe('My renamed ACME');
    expect(entries[1]?.issuer).toBe(ACCOUNTS[1]?.entry.issuer);
  });

  it('an unknown 2FAS token type is a per-entry error naming the service', async () => {
    const file = JSON.parse(twofas(3, false));
    file.services[0].otp.tokenType = 'MOTP';
    const { entries, errors } = await importFileDetailed(JSON.stringify(file));
    expect(entries).toHaveLength(ACCOUNTS.length - 1);
    expect(errors).toEqual([
      { index: 0, label: 'ACME Co / alice@example.com', message: expect.stringMatching(/MOTP/) },
    ]);
    expect(JSON.stringify(errors)).not.toContain(SECRET_SHA1.slice(0, 12));
  });
});
