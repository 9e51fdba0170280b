/** Key slots: the vault key VK wrapped (AES-256-GCM) under a key from a passphrase, recovery key or passkey PRF. */
import {
  assertBytes,
  assertId,
  assertNonEmptyString,
  fromB64u,
  randomBytes,
  toB64u,
  utf8,
  wipe,
} from './_bytes';
import { KEY_LENGTH, NONCE_LENGTH, open, seal, TAG_LENGTH } from './aead';
import { WardError, type WardErrorCode } from './errors';
import {
  type Argon2Params,
  argon2id,
  checkArgon2Params,
  DEFAULT_ARGON2,
  hkdfSha256,
  passphraseBytes,
} from './kdf';

export { generateRecoveryKey, recoveryKeyFromWords } from './recovery-key';

/** How a slot's key-encryption key is obtained. 'device' is reserved for X25519 new-device transfer. */
export type KeySlotKind = 'passphrase' | 'recovery' | 'prf' | 'device';

const KINDS: readonly KeySlotKind[] = ['passphrase', 'recovery', 'prf', 'device'];
/** The key-slot JSON version this code writes and reads. */
export const SLOT_VERSION = 1;
const SALT_LENGTH = 16;

/**
 * One way to unlock the vault, as plain JSON (the server stores `JSON.stringify(slot)` opaquely).
 * Binary fields are unpadded base64url. AAD = `ward/v1/slot|<vaultId>|<id>|<kind>`.
 */
export interface KeySlot {
  v: 1;
  id: string;
  kind: KeySlotKind;
  /** Argon2id cost (passphrase slots only); checked against the floor on every open */
  params?: Argon2Params;
  /** 16 random bytes: the Argon2id or HKDF salt; for 'prf' also the PRF input `prf.eval.first` */
  salt: string;
  /** WebAuthn credential id, base64url ('prf' slots) */
  credentialId?: string;
  /** reserved for 'device' slots: the sender's ephemeral X25519 public key, base64url */
  publicKey?: string;
  /** 12-byte AES-GCM nonce */
  nonce: string;
  /** VK sealed under the KEK: 32 bytes + 16-byte tag */
  wrapped: string;
  createdAt?: number;
}

/** A fresh 256-bit vault key from the platform CSPRNG. */
export function generateVaultKey(): Uint8Array {
  return randomBytes(KEY_LENGTH);
}

function slotAad(vaultId: string, slotId: string, kind: KeySlotKind): Uint8Array {
  return utf8(`ward/v1/slot|${vaultId}|${slotId}|${kind}`);
}

function newSlotId(): string {
  return globalThis.crypto.randomUUID();
}

async function wrap(
  vaultKey: Uint8Array,
  vaultId: string,
  kek: Uint8Array,
  fields: Omit<KeySlot, 'v' | 'id' | 'nonce' | 'wrapped' | 'createdAt'>,
): Promise<KeySlot> {
  const id = newSlotId();
  try {
    const { nonce, ciphertext } = await seal(kek, vaultKey, slotAad(vaultId, id, fields.kind));
    return { v: 1, id, ...fields, nonce: toB64u(nonce), wrapped: toB64u(ciphertext), createdAt: Date.now() };
  } finally {
    wipe(kek);
  }
}

async function unwrap(
  slot: KeySlot,
  vaultId: string,
  kek: Uint8Array,
  failure: WardError,
): Promise<Uint8Array> {
  try {
    const vk = await open(
      kek,
      fromB64u(slot.nonce, 'key slot nonce'),
      fromB64u(slot.wrapped, 'key slot'),
      slotAad(vaultId, slot.id, slot.kind),
    );
    if (vk.length !== KEY_LENGTH) {
      wipe(vk);
      throw new WardError('corrupt', 'The key slot holds a key of the wrong size.');
    }
    return vk;
  } catch (e) {
    if (e instanceof WardError && e.code === 'decrypt-failed') throw failure;
    throw e;
  } finally {
    wipe(kek);
  }
}

/**
 * Check an untrusted slot (from the server or local storage) and return it typed.
 * Shape errors → WardError('corrupt'); passphrase parameters out of bounds → 'weak-/absurd-kdf-params'.
 */
export function parseKeySlot(value: unknown): KeySlot {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      throw new WardError('corrupt', 'The key slot is not valid JSON.');
    }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new WardError('corrupt', 'The key slot is not an object.');
  }
  const s = v as Record<string, unknown>;
  if (s.v !== SLOT_VERSION) {
    throw new WardError(
      typeof s.v === 'number' && s.v > SLOT_VERSION ? 'unsupported-version' : 'corrupt',
      `Key slot version ${String(s.v)} is not supported by this version of Ward.`,
    );
  }
  assertId(s.id, 'Key slot id', 'corrupt');
  if (!KINDS.includes(s.kind as KeySlotKind)) throw new WardError('corrupt', 'The key slot kind is unknown.');
  const kind = s.kind as KeySlotKind;
  const exact = (field: string, n: number) => {
    if (fromB64u(s[field], `key slot ${field}`).length !== n) {
      throw new WardError('corrupt', `The key slot ${field} has the wrong length.`);
    }
  };
  const saltLength = fromB64u(s.salt, 'key slot salt').length;
  if (saltLength < SALT_LENGTH || saltLength > 64)
    throw new WardError('corrupt', 'The key slot salt is malformed.');
  exact('nonce', NONCE_LENGTH);
  exact('wrapped', KEY_LENGTH + TAG_LENGTH);
  const slot: KeySlot = {
    v: 1,
    id: s.id as string,
    kind,
    salt: s.salt as string,
    nonce: s.nonce as string,
    wrapped: s.wrapped as string,
  };
  if (kind === 'passphrase') slot.params = checkArgon2Params(s.params);
  if (kind === 'prf' || s.credentialId !== undefined) {
    slot.credentialId = assertCredentialId(s.credentialId, 'corrupt');
  }
  if (s.publicKey !== undefined) {
    fromB64u(s.publicKey, 'key slot public key');
    slot.publicKey = s.publicKey as string;
  }
  if (typeof s.createdAt === 'number' && Number.isSafeInteger(s.createdAt)) slot.createdAt = s.createdAt;
  return slot;
}

function assertCredentialId(value: unknown, code: WardErrorCode): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1366) {
    throw new WardError(code, 'The passkey credential id must be a non-empty base64url string.');
  }
  fromB64u(value, 'Passkey credential id', code);
  return value;
}

function expectKind(slot: unknown, kind: KeySlotKind): KeySlot {
  const parsed = parseKeySlot(slot);
  if (parsed.kind !== kind) {
    throw new WardError('invalid-argument', `This is a ${parsed.kind} key slot, not a ${kind} slot.`);
  }
  return parsed;
}

/** Wrap VK under Argon2id(NFKC passphrase, fresh 16-byte salt, params ≥ floor) (RFC 9106). */
export async function createPassphraseSlot(
  vaultKey: Uint8Array,
  vaultId: string,
  passphrase: string,
  params: Argon2Params = DEFAULT_ARGON2,
): Promise<KeySlot> {
  assertBytes(vaultKey, KEY_LENGTH, 'vault key');
  assertId(vaultId, 'Vault id');
  assertNonEmptyString(passphrase, 'Passphrase');
  const checked = checkArgon2Params(params);
  const salt = randomBytes(SALT_LENGTH);
  const pw = passphraseBytes(passphrase);
  let kek: Uint8Array;
  try {
    kek = await argon2id(pw, salt, checked);
  } finally {
    wipe(pw);
  }
  return wrap(vaultKey, vaultId, kek, { kind: 'passphrase', params: checked, salt: toB64u(salt) });
}

/** Unwrap VK with the passphrase. Wrong passphrase (or altered slot) → WardError('bad-password'). */
export async function openPassphraseSlot(
  slot: KeySlot,
  vaultId: string,
  passphrase: string,
): Promise<Uint8Array> {
  const s = expectKind(slot, 'passphrase');
  assertId(vaultId, 'Vault id');
  assertNonEmptyString(passphrase, 'Passphrase');
  const pw = passphraseBytes(passphrase);
  let kek: Uint8Array;
  try {
    kek = await argon2id(pw, fromB64u(s.salt, 'key slot salt'), s.params as Argon2Params);
  } finally {
    wipe(pw);
  }
  return unwrap(s, vaultId, kek, new WardError('bad-password', 'Wrong passphrase: the vault did not open.'));
}

function recoveryKek(recoveryKey: Uint8Array, salt: Uint8Array): Uint8Array {
  return hkdfSha256(recoveryKey, salt, 'ward/v1/kek/recovery', KEY_LENGTH);
}

/** Wrap VK under HKDF-SHA256(recovery key, fresh salt) (RFC 5869); the key is 256 bits, so no slow KDF. */
export async function createRecoverySlot(
  vaultKey: Uint8Array,
  vaultId: string,
  recoveryKey: Uint8Array,
): Promise<KeySlot> {
  assertBytes(vaultKey, KEY_LENGTH, 'vault key');
  assertId(vaultId, 'Vault id');
  assertBytes(recoveryKey, KEY_LENGTH, 'recovery key');
  const salt = randomBytes(SALT_LENGTH);
  return wrap(vaultKey, vaultId, recoveryKek(recoveryKey, salt), { kind: 'recovery', salt: toB64u(salt) });
}

/** Unwrap VK with the recovery key. A key for another vault → WardError('invalid-recovery-key'). */
export async function openRecoverySlot(
  slot: KeySlot,
  vaultId: string,
  recoveryKey: Uint8Array,
): Promise<Uint8Array> {
  const s = expectKind(slot, 'recovery');
  assertId(vaultId, 'Vault id');
  assertBytes(recoveryKey, KEY_LENGTH, 'recovery key');
  const kek = recoveryKek(recoveryKey, fromB64u(s.salt, 'key slot salt'));
  return unwrap(
    s,
    vaultId,
    kek,
    new WardError('invalid-recovery-key', 'This recovery key does not open this vault.'),
  );
}

function prfKek(prfOutput: Uint8Array, salt: Uint8Array, credentialId: string): Uint8Array {
  // The credential id is not secret: it only separates keys (info), the PRF output is the secret.
  return hkdfSha256(prfOutput, salt, `ward/v1/kek/prf|${credentialId}`, KEY_LENGTH);
}

/**
 * Wrap VK under HKDF-SHA256(WebAuthn PRF output, salt, info ∋ credential id) (RFC 5869, WebAuthn L3 prf).
 * `salt` must be the value passed as `prf.eval.first` in the ceremony that produced `prfOutput`.
 */
export async function createPrfSlot(
  vaultKey: Uint8Array,
  vaultId: string,
  prfOutput: Uint8Array,
  credentialId: string,
  salt: Uint8Array,
): Promise<KeySlot> {
  assertBytes(vaultKey, KEY_LENGTH, 'vault key');
  assertId(vaultId, 'Vault id');
  assertBytes(prfOutput, 32, 'PRF output');
  assertCredentialId(credentialId, 'invalid-argument');
  if (!(salt instanceof Uint8Array) || salt.length < SALT_LENGTH || salt.length > 64) {
    throw new WardError('invalid-argument', 'PRF salt must be 16–64 random bytes.');
  }
  return wrap(vaultKey, vaultId, prfKek(prfOutput, salt, credentialId), {
    kind: 'prf',
    salt: toB64u(salt),
    credentialId,
  });
}

/** Unwrap VK with a PRF output from the slot's credential. Wrong output → WardError('decrypt-failed'). */
export async function openPrfSlot(
  slot: KeySlot,
  vaultId: string,
  prfOutput: Uint8Array,
): Promise<Uint8Array> {
  const s = expectKind(slot, 'prf');
  assertId(vaultId, 'Vault id');
  assertBytes(prfOutput, 32, 'PRF output');
  const kek = prfKek(prfOutput, fromB64u(s.salt, 'key slot salt'), s.credentialId as string);
  return unwrap(s, vaultId, kek, new WardError('decrypt-failed', 'This passkey does not open this vault.'));
}
