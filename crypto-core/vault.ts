/** Vault records: one Entry as padded JSON sealed with AES-256-GCM under the record key RK (ARCHITECTURE.md "Records"). */
import { assertBytes, assertId, fromB64u, toB64u, utf8, utf8DecodeOrNull } from './_bytes';
import { validateEntry } from './_validate-entry';
import { KEY_LENGTH, NONCE_LENGTH, open, seal, TAG_LENGTH } from './aead';
import type { Entry } from './entry';
import { WardError } from './errors';
import { hkdfSha256 } from './kdf';

/** An Entry as stored in the vault, with its sync metadata. */
export interface VaultRecord extends Entry {
  /** UUIDv4, chosen by the client */
  id: string;
  /** bumped by the client at every edit; lets it notice a server serving an older copy */
  rev: number;
  /** ms since the epoch of the last edit */
  updatedAt: number;
  deviceId: string;
  sortOrder?: number;
}

/** The keys one vault-key generation gives: RK and the public 32-bit id that names the generation. */
export interface VaultKeys {
  vaultId: string;
  keyId: number;
  recordKey: Uint8Array;
}

/** The blob's first byte. */
export const RECORD_FORMAT = 1;
const HEADER = 1 + 4;
/** Plaintexts are padded to a multiple of this, so sizes do not leak name or secret lengths. */
export const PAD_BLOCK = 256;
/** Largest record JSON: padded to 255 blocks it makes a blob of 65,313 bytes, under the server's 64 KiB. */
export const MAX_RECORD_JSON_BYTES = 255 * PAD_BLOCK - 1;

/** RK = HKDF-SHA256(VK, info "ward/v1/records"); keyId = first 4 bytes of HKDF(VK, "ward/v1/key-id") (RFC 5869). */
export async function deriveVaultKeys(vaultKey: Uint8Array, vaultId: string): Promise<VaultKeys> {
  assertBytes(vaultKey, KEY_LENGTH, 'vault key');
  assertId(vaultId, 'Vault id');
  const recordKey = hkdfSha256(vaultKey, undefined, 'ward/v1/records', KEY_LENGTH);
  const id = hkdfSha256(vaultKey, undefined, 'ward/v1/key-id', 4);
  const keyId = new DataView(id.buffer, id.byteOffset, 4).getUint32(0, false);
  return { vaultId, keyId, recordKey };
}

/** A fresh record id: a random UUIDv4 (RFC 9562). */
export function newRecordId(): string {
  return globalThis.crypto.randomUUID();
}

function recordAad(vaultId: string, recordId: string, keyId: number): Uint8Array {
  return utf8(`ward/v1/record|${vaultId}|${recordId}|${keyId.toString(16).padStart(8, '0')}`);
}

function checkKeys(keys: unknown): VaultKeys {
  const k = keys as Partial<VaultKeys> | null;
  if (typeof k !== 'object' || k === null || typeof k.keyId !== 'number' || !Number.isInteger(k.keyId)) {
    throw new WardError('invalid-argument', 'Vault keys must come from deriveVaultKeys().');
  }
  assertId(k.vaultId, 'Vault id');
  assertBytes(k.recordKey, KEY_LENGTH, 'record key');
  return k as VaultKeys;
}

// ISO/IEC 7816-4 padding: 0x80 then zeros up to the block. Unambiguous for any content.
function pad(plain: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil((plain.length + 1) / PAD_BLOCK) * PAD_BLOCK);
  out.set(plain);
  out[plain.length] = 0x80;
  return out;
}

function unpad(padded: Uint8Array): Uint8Array {
  if (padded.length === 0 || padded.length % PAD_BLOCK !== 0) throw corrupt('its padding is wrong');
  let i = padded.length - 1;
  while (i >= 0 && padded[i] === 0) i--;
  if (i < 0 || padded[i] !== 0x80 || padded.length - i > PAD_BLOCK) throw corrupt('its padding is wrong');
  return padded.subarray(0, i);
}

function corrupt(why: string): WardError {
  return new WardError('corrupt', `The record cannot be read: ${why}.`);
}

/**
 * Check a decoded value as a VaultRecord (type guard for records). Unknown top-level fields are kept,
 * so a client that does not know a newer field does not erase it when it re-seals the record.
 */
export function validateRecord(value: unknown): VaultRecord {
  const entry = validateEntry(value);
  const r = value as Record<string, unknown>;
  assertId(r.id, 'Record id', 'invalid-entry');
  for (const field of ['rev', 'updatedAt'] as const) {
    const n = r[field];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      throw new WardError('invalid-entry', `The record's ${field} must be a whole number ≥ 0.`);
    }
  }
  if (typeof r.deviceId !== 'string' || r.deviceId.length > 256) {
    throw new WardError('invalid-entry', "The record's deviceId must be text.");
  }
  if (r.sortOrder !== undefined && (typeof r.sortOrder !== 'number' || !Number.isFinite(r.sortOrder))) {
    throw new WardError('invalid-entry', "The record's sortOrder must be a number.");
  }
  return { ...r, ...entry } as VaultRecord;
}

/**
 * Seal a record: blob = base64url(format(1) || keyId(4) || nonce(12) || AES-256-GCM(pad(JSON))),
 * AAD = `ward/v1/record|<vaultId>|<recordId>|<keyId hex>`. A fresh random nonce per call.
 */
export async function sealRecord(keys: VaultKeys, record: VaultRecord): Promise<string> {
  const k = checkKeys(keys);
  const checked = validateRecord(record);
  const header = new Uint8Array(HEADER);
  header[0] = RECORD_FORMAT;
  new DataView(header.buffer).setUint32(1, k.keyId >>> 0, false);
  const json = utf8(JSON.stringify(checked));
  if (json.length > MAX_RECORD_JSON_BYTES) {
    throw new WardError(
      'invalid-entry',
      'The entry is too large to sync (over 63 KiB): shorten its note or icon.',
    );
  }
  const padded = pad(json);
  try {
    const { nonce, ciphertext } = await seal(
      k.recordKey,
      padded,
      recordAad(k.vaultId, checked.id, k.keyId >>> 0),
    );
    const blob = new Uint8Array(HEADER + NONCE_LENGTH + ciphertext.length);
    blob.set(header);
    blob.set(nonce, HEADER);
    blob.set(ciphertext, HEADER + NONCE_LENGTH);
    return toB64u(blob);
  } finally {
    padded.fill(0);
  }
}

/**
 * Open a sealed record for `recordId`. Errors: malformed blob → 'corrupt'; unknown format byte →
 * 'unsupported-version'; another key generation → 'stale-key'; wrong key, vault or record id, or any
 * altered byte → 'decrypt-failed'; a decrypted value that is not a valid record → 'corrupt'.
 */
export async function openRecord(keys: VaultKeys, recordId: string, blob: string): Promise<VaultRecord> {
  const k = checkKeys(keys);
  assertId(recordId, 'Record id');
  const bytes = fromB64u(blob, 'Record blob');
  if (bytes.length < HEADER + NONCE_LENGTH + TAG_LENGTH) throw corrupt('it is truncated');
  if (bytes[0] !== RECORD_FORMAT) {
    throw new WardError(
      'unsupported-version',
      `The record uses format ${bytes[0]}, which this version of Ward cannot read: update Ward.`,
    );
  }
  const keyId = new DataView(bytes.buffer, bytes.byteOffset, HEADER).getUint32(1, false);
  if (keyId !== k.keyId >>> 0) {
    throw new WardError(
      'stale-key',
      'The record was sealed under another vault key generation: sync, then retry.',
    );
  }
  const padded = await open(
    k.recordKey,
    bytes.subarray(HEADER, HEADER + NONCE_LENGTH),
    bytes.subarray(HEADER + NONCE_LENGTH),
    recordAad(k.vaultId, recordId, keyId),
  );
  try {
    const json = utf8DecodeOrNull(unpad(padded));
    if (json === null) throw corrupt('it is not UTF-8');
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw corrupt('it is not JSON');
    }
    let record: VaultRecord;
    try {
      record = validateRecord(value);
    } catch (e) {
      throw corrupt(e instanceof WardError ? e.message : 'it is not a record');
    }
    if (record.id !== recordId) throw corrupt('it holds another record id');
    return record;
  } finally {
    padded.fill(0);
  }
}
