// Fixture builders for password managers, Ente, Proton and the Authenticator browser extension.
import { gcm } from '@noble/ciphers/aes.js';
import { base64 } from '@scure/base';
import { argon2id } from 'hash-wasm';
import type { Entry } from '../../../crypto-core/entry';
import type { Account } from './accounts';
import { ALL, cat, enc, PASSWORD, pick, rand, uriOf } from './fixture-kit';

// Bitwarden: unencrypted JSON export (items[].login.totp) and CSV (login_totp column).
const bitwardenTotp = (e: Entry) =>
  e.type === 'steam' ? `steam://${e.secret}` : e.issuer === 'Plain' ? e.secret : uriOf(e);
export const BITWARDEN_ACCOUNTS = pick('totp8', 'sha256', 'sha512', 'period60', 'steam', 'totp6');

export function bitwardenJson(): string {
  const items = BITWARDEN_ACCOUNTS.map(({ entry: e }, i) => ({
    id: `item-${i}`,
    organizationId: null,
    folderId: null,
    type: 1,
    name: e.issuer,
    notes: null,
    favorite: false,
    login: {
      uris: [{ match: null, uri: 'https://login.acme.example.co.uk/' }],
      username: e.account,
      password: 'hunter2',
      totp: bitwardenTotp(e),
    },
    collectionIds: null,
  }));
  items.splice(1, 0, {
    ...(items[0] as (typeof items)[number]),
    id: 'no-totp',
    login: { uris: [], username: 'x', password: 'y', totp: null as unknown as string },
  });
  return JSON.stringify({ encrypted: false, folders: [], items }, null, 2);
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function bitwardenCsv(): string {
  const rows = [
    'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
  ];
  rows.push(',,login,Mail,"has, a comma",,0,https://mail.example,me,pw,');
  for (const { entry: e } of BITWARDEN_ACCOUNTS) {
    rows.push(
      [
        '',
        '',
        'login',
        csvField(e.issuer),
        csvField('note with "quotes", commas\nand a line break'),
        '',
        '0',
        'https://example.com',
        csvField(e.account),
        'pw',
        csvField(bitwardenTotp(e)),
      ].join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

// Ente Auth plain export: otpauth:// lines with Ente's codeDisplay JSON parameter.
export function ente(accounts = ALL, trashed: Account[] = []): string {
  const line = (a: Account, isTrashed: boolean) =>
    uriOf(
      a.entry,
      `&codeDisplay=${encodeURIComponent(JSON.stringify({ pinned: false, trashed: isTrashed, lastUsedAt: 0, tapCount: 0, tags: [] }))}`,
    );
  return `${[...accounts.map((a) => line(a, false)), ...trashed.map((a) => line(a, true))].join('\n')}\n`;
}

// Proton Authenticator (proton-pass-common exporter.rs): Totp entries as URIs, Steam as steam://.
export const PROTON_ACCOUNTS = pick('totp8', 'sha256', 'sha512', 'period60', 'steam', 'totp6');

function protonPlainJson(accounts: Account[]) {
  return {
    version: 1,
    entries: accounts.map(({ entry: e }, i) => ({
      id: `a19e0019-47e3-4d3b-af63-${String(i).padStart(12, '0')}`,
      content: {
        uri: e.type === 'steam' ? `steam://${e.secret}` : uriOf(e),
        entry_type: e.type === 'steam' ? 'Steam' : 'Totp',
        name: e.account,
      },
      note: null,
    })),
  };
}

export function protonPlain(): string {
  return JSON.stringify(protonPlainJson(PROTON_ACCOUNTS), null, 2);
}

/** Proton password export: Argon2id (19 MiB, t=2, p=1), AES-256-GCM, AAD "proton.authenticator.export.v1". */
export async function protonEncrypted(): Promise<string> {
  const salt = rand(16);
  const key = await argon2id({
    password: PASSWORD,
    salt,
    iterations: 2,
    parallelism: 1,
    memorySize: 19 * 1024,
    hashLength: 32,
    outputType: 'binary',
  });
  const nonce = rand(12);
  const sealed = gcm(key, nonce, enc.encode('proton.authenticator.export.v1')).encrypt(
    enc.encode(JSON.stringify(protonPlainJson(PROTON_ACCOUNTS))),
  );
  return JSON.stringify({
    version: 1,
    salt: base64.encode(salt),
    content: base64.encode(cat(nonce, sealed)),
  });
}

// Authenticator extension backup (EntryStorage.backupGetExport): keyed by hash, defaults omitted.
export function authenticatorExtension(accounts = ALL): string {
  const out: Record<string, unknown> = {};
  accounts.forEach(({ entry: e }, index) => {
    const hash = `0f0e0d0c-0b0a-4909-8807-${String(index).padStart(12, '0')}`;
    out[hash] = {
      account: e.account,
      encrypted: false,
      hash,
      index,
      issuer: e.issuer,
      secret: e.secret,
      type: e.type,
      ...(e.type === 'hotp' ? { counter: e.counter } : {}),
      ...(e.period !== 30 ? { period: e.period } : {}),
      ...(e.digits !== 6 && e.type !== 'steam' ? { digits: e.digits } : {}),
      ...(e.algorithm !== 'SHA1' ? { algorithm: e.algorithm } : {}),
    };
  });
  return JSON.stringify(out);
}

/** Every format, generated fresh (random salts and nonces each run). */
