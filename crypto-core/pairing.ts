/**
 * New-device approval: a signed-in device seals the vault key VK to a new device's ephemeral X25519
 * key (RFC 7748) through the server, which relays public keys and ciphertext only.
 *
 * Flow: the new device calls createPairingRequest() and posts the public key; every unlocked device
 * shows the request with fingerprintPhrase(requestPub); the user checks that both screens show the
 * same five words and approves; the approver calls sealVaultKeyForDevice() and posts the transfer;
 * the new device calls openVaultKeyFromDevice() and must then add its own unlock method.
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { assertId, concatBytes, fromB64u, toB64u, utf8, wipe } from './_bytes';
import { KEY_LENGTH, NONCE_LENGTH, open, seal, TAG_LENGTH } from './aead';
import { WardError, type WardErrorCode } from './errors';
import { hkdfSha256 } from './kdf';

/** X25519 public and private key size in bytes (RFC 7748 §5). */
export const X25519_KEY_LENGTH = 32;
/** Words in a fingerprint phrase: 5 × 11 bits = 55 bits. */
export const PHRASE_WORDS = 5;
/** The transfer JSON version this code writes and reads. */
export const TRANSFER_VERSION = 1;

/** The new device's ephemeral key pair. Keep `privateKey` in memory only; wipe it when the request ends. */
export interface PairingKeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/** What both sides know about the request besides the keys: the id the server gave it. */
export interface PairingContext {
  requestId: string;
}

/**
 * VK sealed to a new device, as plain JSON for the server to relay. Binary fields are unpadded
 * base64url. AAD = `ward/v1/pairing|<vaultId>|<requestId>`.
 */
export interface DeviceTransfer {
  v: 1;
  requestId: string;
  /** the approver's ephemeral X25519 public key, used once */
  approverPublicKey: string;
  /** 12-byte AES-GCM nonce */
  nonce: string;
  /** VK sealed under KEK_dev: 32 bytes + 16-byte tag */
  wrapped: string;
}

/** A fresh ephemeral X25519 key pair (RFC 7748) for one pairing request. */
export function createPairingRequest(): PairingKeyPair {
  const { secretKey, publicKey } = x25519.keygen();
  return { privateKey: secretKey, publicKey };
}

/**
 * A public key from an argument (bytes or base64url) or from the relay. Low-order points (RFC 7748
 * §6.1) would make the shared secret independent of our private key, so a relay could predict
 * KEK_dev: they are refused here, before any phrase is shown or any key is sealed.
 */
function checkPublicKey(value: unknown, what: string, code: WardErrorCode): Uint8Array {
  const bytes = typeof value === 'string' ? fromB64u(value, what, code) : value;
  if (!(bytes instanceof Uint8Array) || bytes.length !== X25519_KEY_LENGTH) {
    throw new WardError(code, `${what} must be a 32-byte X25519 public key.`);
  }
  if (isLowOrder(bytes)) {
    throw new WardError(code, `${what} is not a usable X25519 public key (low-order point): refused.`);
  }
  return bytes;
}

// noble rejects low-order u-coordinates inside the ladder; probing with a throwaway scalar reuses that
// check (its list is complete for curve25519) instead of keeping a second copy of the list here.
const PROBE = new Uint8Array(X25519_KEY_LENGTH).fill(9);
function isLowOrder(pub: Uint8Array): boolean {
  try {
    wipe(x25519.getSharedSecret(PROBE, pub));
    return false;
  } catch {
    return true;
  }
}

function checkPrivateKey(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== X25519_KEY_LENGTH) {
    throw new WardError('invalid-argument', 'The pairing private key must be 32 bytes.');
  }
  return value;
}

/**
 * Five BIP-0039 English words from HKDF-SHA256 (RFC 5869) over the request's public key, and the
 * approver's key when given, in that fixed order. Both screens compute it from the keys they hold.
 *
 * Why the request key is enough: the only secret the relay could steal is VK, and it can do so only
 * by handing approvers its own key instead of the new device's. Their screens would then show the
 * phrase of the relay's key while the new device shows the phrase of its own: the words differ and
 * the user denies. Matching 55 bits takes ~2^55 key generations against one fresh key, far beyond
 * the 10 minutes a request lives. Every unlocked device shows the request at once, and each would
 * pick its own ephemeral key, so the new device cannot show a phrase over an approver's key before
 * approval; `approverPub` is for flows where one approver publishes its key first.
 * Not covered by a request-only phrase: a relay could seal a key of its own to the new device. It
 * learns nothing by that (it never has VK), and the new device would open none of the vault's records.
 */
export function fingerprintPhrase(
  requestPub: Uint8Array | string,
  approverPub?: Uint8Array | string,
): string[] {
  const request = checkPublicKey(requestPub, 'The request public key', 'invalid-argument');
  const approver =
    approverPub === undefined
      ? undefined
      : checkPublicKey(approverPub, 'The approver public key', 'invalid-argument');
  const label = approver === undefined ? 'ward/v1/pairing/phrase' : 'ward/v1/pairing/phrase2';
  const ikm = approver === undefined ? request : concatBytes(request, approver);
  const bits = hkdfSha256(ikm, undefined, label, 8);
  const words: string[] = [];
  // 5 × 11 bits from the top of a 64-bit big-endian number.
  let n = new DataView(bits.buffer, bits.byteOffset, 8).getBigUint64(0, false);
  n >>= 64n - BigInt(PHRASE_WORDS * 11);
  for (let i = PHRASE_WORDS - 1; i >= 0; i--) {
    words[i] = wordlist[Number(n & 0x7ffn)] as string;
    n >>= 11n;
  }
  return words;
}

function transferAad(vaultId: string, requestId: string): Uint8Array {
  return utf8(`ward/v1/pairing|${vaultId}|${requestId}`);
}

/**
 * KEK_dev = HKDF-SHA256(X25519(priv, pub), info = label | vault | request | requestPub | approverPub).
 * Both public keys in `info` tie the key to this exact exchange (as in HPKE's key schedule), so a
 * shared secret replayed from another pair of keys cannot produce it.
 */
function deviceKek(
  priv: Uint8Array,
  peer: Uint8Array,
  vaultId: string,
  requestId: string,
  requestPub: Uint8Array,
  approverPub: Uint8Array,
): Uint8Array {
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(priv, peer);
  } catch {
    throw new WardError('invalid-argument', 'The X25519 key exchange failed: a key is not usable.');
  }
  try {
    // RFC 7748 §6.1: an all-zero result means a low-order peer key; refuse rather than derive from it.
    if (shared.reduce((acc, b) => acc | b, 0) === 0) {
      throw new WardError('invalid-argument', 'The X25519 key exchange gave an all-zero secret: refused.');
    }
    const info = `ward/v1/kek/device|${vaultId}|${requestId}|${toB64u(requestPub)}|${toB64u(approverPub)}`;
    return hkdfSha256(shared, undefined, info, KEY_LENGTH);
  } finally {
    wipe(shared);
  }
}

/**
 * Seal VK to a new device (RFC 7748 X25519 with a fresh ephemeral key, RFC 5869 HKDF-SHA256,
 * AES-256-GCM with AAD binding vault id and request id). Call it only after the user confirmed the
 * phrase; the ephemeral private key is wiped before this returns.
 */
export async function sealVaultKeyForDevice(
  vaultKey: Uint8Array,
  vaultId: string,
  requestPub: Uint8Array | string,
  context: PairingContext,
): Promise<DeviceTransfer> {
  if (!(vaultKey instanceof Uint8Array) || vaultKey.length !== KEY_LENGTH) {
    throw new WardError('invalid-argument', 'The vault key must be 32 bytes.');
  }
  assertId(vaultId, 'Vault id');
  const request = checkPublicKey(requestPub, 'The request public key', 'invalid-argument');
  const requestId = contextRequestId(context, 'invalid-argument');
  const { secretKey, publicKey: approverPub } = x25519.keygen();
  let kek: Uint8Array | undefined;
  try {
    kek = deviceKek(secretKey, request, vaultId, requestId, request, approverPub);
    const { nonce, ciphertext } = await seal(kek, vaultKey, transferAad(vaultId, requestId));
    return {
      v: 1,
      requestId,
      approverPublicKey: toB64u(approverPub),
      nonce: toB64u(nonce),
      wrapped: toB64u(ciphertext),
    };
  } finally {
    wipe(secretKey, kek);
  }
}

function contextRequestId(context: unknown, code: WardErrorCode): string {
  if (typeof context !== 'object' || context === null) {
    throw new WardError('invalid-argument', 'The pairing context must be an object with a requestId.');
  }
  return assertId((context as Record<string, unknown>).requestId, 'Pairing request id', code);
}

/**
 * Check an untrusted transfer (JSON text or object from the relay) and return it typed.
 * Shape errors → WardError('corrupt'); a newer version → 'unsupported-version'.
 */
export function parseDeviceTransfer(value: unknown): DeviceTransfer {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      throw new WardError('corrupt', 'The device approval is not valid JSON.');
    }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new WardError('corrupt', 'The device approval is not an object.');
  }
  const t = v as Record<string, unknown>;
  if (t.v !== TRANSFER_VERSION) {
    throw new WardError(
      typeof t.v === 'number' && t.v > TRANSFER_VERSION ? 'unsupported-version' : 'corrupt',
      `Device approval version ${String(t.v)} is not supported by this version of Ward: update Ward.`,
    );
  }
  assertId(t.requestId, 'Device approval request id', 'corrupt');
  checkPublicKey(t.approverPublicKey, 'The approving device key', 'corrupt');
  if (fromB64u(t.nonce, 'device approval nonce').length !== NONCE_LENGTH) {
    throw new WardError('corrupt', 'The device approval nonce has the wrong length.');
  }
  if (fromB64u(t.wrapped, 'device approval key').length !== KEY_LENGTH + TAG_LENGTH) {
    throw new WardError('corrupt', 'The device approval holds a key of the wrong size.');
  }
  return {
    v: 1,
    requestId: t.requestId as string,
    approverPublicKey: t.approverPublicKey as string,
    nonce: t.nonce as string,
    wrapped: t.wrapped as string,
  };
}

/**
 * Open a transfer with the request's private key (RFC 7748, RFC 5869, AES-256-GCM) → VK.
 * Another key, vault or request, or any altered byte → WardError('decrypt-failed'). The private key
 * is not modified: wipe it once the request is over.
 */
export async function openVaultKeyFromDevice(
  transfer: DeviceTransfer | string,
  requestPrivateKey: Uint8Array,
  vaultId: string,
  context: PairingContext,
): Promise<Uint8Array> {
  const t = parseDeviceTransfer(transfer);
  const priv = checkPrivateKey(requestPrivateKey);
  assertId(vaultId, 'Vault id');
  const requestId = contextRequestId(context, 'invalid-argument');
  if (t.requestId !== requestId) {
    throw new WardError('decrypt-failed', 'This device approval answers another pairing request: ask again.');
  }
  const approver = fromB64u(t.approverPublicKey, 'device approval key');
  const requestPub = x25519.getPublicKey(priv);
  const kek = deviceKek(priv, approver, vaultId, requestId, requestPub, approver);
  try {
    const vk = await open(
      kek,
      fromB64u(t.nonce, 'device approval nonce'),
      fromB64u(t.wrapped, 'device approval key'),
      transferAad(vaultId, requestId),
    );
    if (vk.length !== KEY_LENGTH) {
      wipe(vk);
      throw new WardError('corrupt', 'The device approval holds a key of the wrong size.');
    }
    return vk;
  } finally {
    wipe(kek);
  }
}
