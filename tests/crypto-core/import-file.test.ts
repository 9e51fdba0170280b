import { afterEach, describe, expect, it } from 'vitest';
import { importFile, importFileDetailed, toImportInput } from '../../crypto-core/importers/import-file';
import { IMPORTERS } from '../../crypto-core/importers/registry';
import type { Importer } from '../../crypto-core/importers/types';
import { failure } from './ward-error';

// Google Authenticator export of one account (the example decoded in the otpauth-migration write-ups:
// issuer "Example", account "alice@google.com", secret "Hello!\xde\xad\xbe\xef").
const MIGRATION =
  'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgAA%3D%3D';
// Key URI Format examples (google/google-authenticator wiki "Key Uri Format").
const TOTP = 'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const HOTP =
  'otpauth://hotp/ACME%20Co:john?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&counter=7';

const extra: Importer[] = [];
function register(importer: Importer) {
  (IMPORTERS as Importer[]).push(importer);
  extra.push(importer);
}
afterEach(() => {
  for (const imp of extra.splice(0)) (IMPORTERS as Importer[]).splice(IMPORTERS.indexOf(imp), 1);
});

describe('importFile: lists of otpauth links', () => {
  it('reads one link a line, ignoring blank lines, whitespace, CRLF and a BOM', async () => {
    const text = `\uFEFF  ${TOTP}  \r\n\r\n\t${HOTP}\n\n${MIGRATION}\n`;
    const got = await importFileDetailed(text);
    expect(got.format).toBe('otpauth-list');
    expect(got.errors).toEqual([]);
    expect(got.entries.map((e) => [e.type, e.issuer, e.account, e.secret, e.counter])).toEqual([
      ['totp', 'Example', 'alice@google.com', 'JBSWY3DPEHPK3PXP', 0],
      ['hotp', 'ACME Co', 'john', 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', 7],
      ['totp', 'Example', 'alice@google.com', 'JBSWY3DPEHPK3PXP', 0],
    ]);
    expect(await importFile(new TextEncoder().encode(text))).toEqual(got.entries);
  });

  it('turns bad lines into per-line errors that never quote the line', async () => {
    const bad = 'otpauth://totp/Leaky:me?secret=MZXW6YTBOI======&digits=0';
    const got = await importFileDetailed(
      [TOTP, 'just some text', bad, 'otpauth://totp/x?secret=1!!'].join('\n'),
    );
    expect(got.entries).toHaveLength(1);
    expect(got.errors.map((e) => e.label)).toEqual(['line 2', 'line 3', 'line 4']);
    for (const e of got.errors) {
      expect(e.message.length).toBeGreaterThan(10);
      expect(e.message).not.toContain('MZXW6YTBOI');
    }
  });

  it('fails as corrupt when no line imports', async () => {
    const e = await failure(
      importFile('otpauth://totp/a?secret=\notpauth://totp/b?digits=99&secret=JBSWY3DP'),
    );
    expect(e.code).toBe('corrupt');
    expect(e.message).toMatch(/No entry could be imported \(2 failed/);
  });

  it('is recognised as its own format only', () => {
    const input = toImportInput(`${TOTP}\n${MIGRATION}`);
    expect(IMPORTERS.filter((i) => i.detect(input) > 0).map((i) => i.id)).toEqual(['otpauth-list']);
  });
});

describe('importFile: what it refuses', () => {
  it.each([
    ['an empty string', ''],
    ['whitespace', ' \n\t '],
    ['zero bytes', new Uint8Array(0)],
  ])('calls %s an empty file', async (_name, data) => {
    const e = await failure(importFile(data));
    expect(e.code).toBe('corrupt');
    expect(e.message).toMatch(/empty/);
  });

  it.each([
    ['random bytes', Uint8Array.from({ length: 512 }, (_, i) => (i * 73 + 41) % 256)],
    ['JSON of no known app', '{"hello":"world"}'],
    ['a CSV of something else', 'name,amount\nrent,1200\n'],
    ['an https link', 'https://example.com/otpauth://totp/x'],
  ])('does not recognise %s', async (_name, data) => {
    expect((await failure(importFile(data))).code).toBe('unsupported-format');
  });

  it('refuses to guess between two formats that claim the same file', async () => {
    const claim = (id: string): Importer => ({
      id,
      label: id,
      detect: (i) => (i.text === 'TIE' ? 1 : 0),
      read: () => null,
      convert: () => ({ entries: [], errors: [] }),
    });
    register(claim('fake-a'));
    register(claim('fake-b'));
    const e = await failure(importFile('TIE'));
    expect(e.code).toBe('unsupported-format');
    expect(e.message).toMatch(/fake-a.*fake-b|fake-b.*fake-a/);
  });

  it('never lets an importer hand out a broken entry or crash with a TypeError', async () => {
    register({
      id: 'fake-broken',
      label: 'Broken',
      detect: (i) => (i.text === 'BROKEN' ? 1 : 0),
      read: () => null,
      convert: () => ({
        entries: [
          {
            type: 'totp',
            issuer: 'Ok',
            account: 'a',
            secret: 'jbsw y3dp',
            algorithm: 'SHA1',
            digits: 6,
            period: 30,
            counter: 0,
          },
          {
            type: 'totp',
            issuer: 'Bad',
            account: 'b',
            secret: 'JBSWY3DP',
            algorithm: 'SHA1',
            digits: 0,
            period: 30,
            counter: 0,
          },
        ],
        errors: [],
      }),
    });
    register({
      id: 'fake-crash',
      label: 'Crashing',
      detect: (i) => (i.text === 'CRASH' ? 1 : 0),
      read: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'secret')");
      },
      convert: () => ({ entries: [], errors: [] }),
    });
    const got = await importFileDetailed('BROKEN');
    expect(got.entries).toEqual([
      {
        type: 'totp',
        issuer: 'Ok',
        account: 'a',
        secret: 'JBSWY3DP',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    ]);
    expect(got.errors).toEqual([{ index: 1, label: 'Bad / b', message: expect.stringMatching(/digits/) }]);
    const e = await failure(importFile('CRASH'));
    expect(e.code).toBe('corrupt');
    expect(e.message).not.toMatch(/undefined|secret/);
  });

  it('drops a remote or oversized icon instead of losing the account', async () => {
    const base = {
      type: 'totp',
      issuer: 'I',
      account: 'a',
      secret: 'JBSWY3DP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    };
    register({
      id: 'fake-icons',
      label: 'Icons',
      detect: (i) => (i.text === 'ICONS' ? 1 : 0),
      read: () => null,
      convert: () => ({
        entries: [
          { ...base, icon: 'https://tracker.example/i.png' },
          { ...base, icon: `data:image/png;base64,${'A'.repeat(64 * 1024)}` },
          { ...base, icon: 'data:image/png;base64,AAAA' },
        ] as never[],
        errors: [],
      }),
    });
    const got = await importFileDetailed('ICONS');
    expect(got.errors).toEqual([]);
    expect(got.entries.map((e) => e.icon)).toEqual([undefined, undefined, 'data:image/png;base64,AAAA']);
  });

  it('refuses files over 32 MiB before parsing them', async () => {
    const e = await failure(importFile(new Uint8Array(32 * 1024 * 1024 + 1)));
    expect(e.code).toBe('corrupt');
  });
});
