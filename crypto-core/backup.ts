/** The Ward backup file: self-describing JSON, Argon2id (RFC 9106) + AES-256-GCM, header bound as AAD. */
import { assertNonEmptyString, fromB64u, randomBytes, toB64u, utf8, utf8DecodeOrNull, wipe } from './_bytes';
import { validateEntry } from './_validate-entry';
import { NONCE_LENGTH, open, seal, TAG_LENGTH } from './aead';
import type { Entry } from './entry';
import { WardError } from './errors';
import { type Argon2Params, argon2id, checkArgon2Params, DEFAULT_ARGON2, passphraseBytes } from './kdf';

/** The backup file version this code writes; newer files → 'unsupported-version'. */
export const BACKUP_VERSION = 1;
const SALT_LENGTH = 16;

/** The parsed, checked header of a backup file; `ciphertext` still sealed. */
export interface BackupFile {
  ward: 'backup';
  version: 1;
  kdf: { name: 'argon2id'; m: number; t: number; p: number; salt: string };
  cipher: { name: 'aes-256-gcm'; nonce: string };
  createdAt: string;
  /** AES-256-GCM ciphertext || tag of `{"entries":[...]}` */
  ciphertext: string;
}

/** Options of createBackup. */
export interface BackupOptions {
  /** Argon2id cost; defaults to DEFAULT_ARGON2 and may not go below ARGON2_FLOOR */
  params?: Argon2Params;
}

// Every header field, in a fixed order, from the parsed values: editing any of them (a parameter,
// the salt, the date) changes the AAD and the file no longer opens. The nonce is not in the AAD
// (seal() draws it): GCM already fails on an altered nonce, since the tag depends on it.
function headerAad(f: Omit<BackupFile, 'cipher' | 'ciphertext'> & { cipher: { name: string } }): Uint8Array {
  const { kdf } = f;
  return utf8(
    `ward/v1/backup|${JSON.stringify([f.ward, f.version, kdf.name, kdf.m, kdf.t, kdf.p, kdf.salt, f.cipher.name, f.createdAt])}`,
  );
}

/**
 * Encrypt `entries` into a Ward backup file (JSON text) under `password` (NFKC-normalised).
 * Every entry is validated first; a broken one → WardError('invalid-entry') naming its position.
 */
export async function createBackup(
  entries: Entry[],
  password: string,
  options: BackupOptions = {},
): Promise<string> {
  if (!Array.isArray(entries)) throw new WardError('invalid-argument', 'Entries must be an array.');
  assertNonEmptyString(password, 'Backup password');
  if (typeof options !== 'object' || options === null) {
    throw new WardError('invalid-argument', 'Backup options must be an object such as { params }.');
  }
  const clean = entries.map((e, i) => {
    try {
      return validateEntry(e);
    } catch (err) {
      const why = err instanceof WardError ? err.message : 'it is not an entry';
      throw new WardError('invalid-entry', `Entry ${i + 1} cannot be backed up: ${why}`);
    }
  });
  const params = checkArgon2Params(options.params ?? DEFAULT_ARGON2);
  const salt = randomBytes(SALT_LENGTH);
  const pw = passphraseBytes(password);
  let key: Uint8Array | undefined;
  const plain = utf8(JSON.stringify({ entries: clean }));
  try {
    key = await argon2id(pw, salt, params);
    const header = {
      ward: 'backup' as const,
      version: 1 as const,
      kdf: { name: 'argon2id' as const, ...params, salt: toB64u(salt) },
      cipher: { name: 'aes-256-gcm' as const },
      createdAt: new Date().toISOString(),
    };
    const { nonce, ciphertext } = await seal(key, plain, headerAad(header));
    const file: BackupFile = {
      ...header,
      cipher: { ...header.cipher, nonce: toB64u(nonce) },
      ciphertext: toB64u(ciphertext),
    };
    return `${JSON.stringify(file, null, 2)}\n`;
  } finally {
    wipe(pw, key, plain);
  }
}

/**
 * Check a value as a Ward backup file (without decrypting): a newer version → 'unsupported-version';
 * absurd or weak Argon2id parameters → 'absurd-kdf-params' / 'weak-kdf-params' before any allocation;
 * anything else malformed → 'corrupt'.
 */
export function parseBackup(value: unknown): BackupFile {
  if (typeof value !== 'object' || value === null || (value as { ward?: unknown }).ward !== 'backup') {
    throw new WardError('corrupt', 'This is not a Ward backup file.');
  }
  const f = value as Record<string, unknown>;
  if (f.version !== BACKUP_VERSION) {
    if (typeof f.version === 'number' && f.version > BACKUP_VERSION) {
      throw new WardError(
        'unsupported-version',
        `This backup was made by a newer Ward (format ${f.version}): update Ward to import it.`,
      );
    }
    throw new WardError('corrupt', 'The backup file has no valid version number.');
  }
  const kdf = f.kdf as Record<string, unknown> | null;
  const cipher = f.cipher as Record<string, unknown> | null;
  if (typeof kdf !== 'object' || kdf === null || kdf.name !== 'argon2id') {
    throw new WardError(
      'corrupt',
      'The backup file does not say how its key is derived (argon2id expected).',
    );
  }
  const params = checkArgon2Params(kdf);
  if (fromB64u(kdf.salt, 'The backup salt', 'absurd-kdf-params').length !== SALT_LENGTH) {
    throw new WardError('absurd-kdf-params', `The backup salt must be ${SALT_LENGTH} bytes.`);
  }
  if (typeof cipher !== 'object' || cipher === null || cipher.name !== 'aes-256-gcm') {
    throw new WardError('corrupt', 'The backup file uses an unknown cipher (aes-256-gcm expected).');
  }
  if (fromB64u(cipher.nonce, 'The backup nonce').length !== NONCE_LENGTH) {
    throw new WardError('corrupt', 'The backup nonce has the wrong length.');
  }
  if (typeof f.createdAt !== 'string' || f.createdAt.length > 64) {
    throw new WardError('corrupt', 'The backup file has no valid creation date.');
  }
  if (fromB64u(f.ciphertext, 'The backup ciphertext').length < TAG_LENGTH) {
    throw new WardError('corrupt', 'The backup file is truncated.');
  }
  return {
    ward: 'backup',
    version: 1,
    kdf: { name: 'argon2id', ...params, salt: kdf.salt as string },
    cipher: { name: 'aes-256-gcm', nonce: cipher.nonce as string },
    createdAt: f.createdAt,
    ciphertext: f.ciphertext as string,
  };
}

/**
 * Decrypt a parsed backup → its raw entry list (each still to be validated by the caller).
 * Wrong password and altered file look the same to AES-GCM: both → WardError('bad-password').
 */
export async function decryptBackup(file: BackupFile, password: string): Promise<unknown[]> {
  assertNonEmptyString(password, 'Backup password');
  const pw = passphraseBytes(password);
  let key: Uint8Array | undefined;
  let plain: Uint8Array | undefined;
  try {
    key = await argon2id(pw, fromB64u(file.kdf.salt, 'The backup salt'), file.kdf);
    try {
      plain = await open(
        key,
        fromB64u(file.cipher.nonce, 'nonce'),
        fromB64u(file.ciphertext, 'ciphertext'),
        headerAad(file),
      );
    } catch {
      throw new WardError(
        'bad-password',
        'Wrong password, or the backup file was altered: AES-GCM cannot tell these apart.',
      );
    }
    const text = utf8DecodeOrNull(plain);
    let body: unknown;
    try {
      body = text === null ? undefined : JSON.parse(text);
    } catch {}
    const entries = (body as { entries?: unknown } | undefined)?.entries;
    if (!Array.isArray(entries))
      throw new WardError('corrupt', 'The backup decrypted but holds no entry list.');
    return entries;
  } finally {
    wipe(pw, key, plain);
  }
}
