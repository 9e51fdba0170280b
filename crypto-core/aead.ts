/** AES-256-GCM (NIST SP 800-38D) through WebCrypto, with a fresh random 96-bit nonce for every seal. */
import { assertBytes, randomBytes } from './_bytes';
import { WardError } from './errors';

/** AES-256 key, GCM nonce (96 bits, SP 800-38D §8.2.2 random construction) and tag sizes in bytes. */
export const KEY_LENGTH = 32;
export const NONCE_LENGTH = 12;
export const TAG_LENGTH = 16;

/** A sealed message: the nonce it was sealed with and ciphertext || 16-byte tag. */
export interface Sealed {
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

// WebCrypto wants ArrayBuffer-backed views; copying also detaches us from the caller's buffer.
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

// A CryptoKey is imported per call and never kept: no cipher object outlives one seal or open.
async function importKey(key: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const raw = own(assertBytes(key, KEY_LENGTH, 'AES-256-GCM key'));
  try {
    return await globalThis.crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, [usage]);
  } finally {
    raw.fill(0);
  }
}

/**
 * Seal `plaintext` with AES-256-GCM under `key`, authenticating `aad` too.
 * The nonce is 12 random bytes chosen here; callers cannot pass one, so it is never reused.
 */
export async function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<Sealed> {
  assertBytes(plaintext, undefined, 'plaintext');
  assertBytes(aad, undefined, 'associated data');
  const cryptoKey = await importKey(key, 'encrypt');
  const nonce = randomBytes(NONCE_LENGTH);
  const ct = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: own(nonce), additionalData: own(aad), tagLength: TAG_LENGTH * 8 },
    cryptoKey,
    own(plaintext),
  );
  return { nonce, ciphertext: new Uint8Array(ct) };
}

/**
 * Open an AES-256-GCM message. Any failure (wrong key, wrong AAD, altered nonce, ciphertext or tag)
 * throws the same WardError('decrypt-failed'): a bad tag is the only signal, and it says nothing more.
 */
export async function open(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  assertBytes(aad, undefined, 'associated data');
  const cryptoKey = await importKey(key, 'decrypt');
  if (
    !(nonce instanceof Uint8Array) ||
    nonce.length !== NONCE_LENGTH ||
    !(ciphertext instanceof Uint8Array) ||
    ciphertext.length < TAG_LENGTH
  ) {
    throw decryptFailed();
  }
  try {
    const pt = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: own(nonce), additionalData: own(aad), tagLength: TAG_LENGTH * 8 },
      cryptoKey,
      own(ciphertext),
    );
    return new Uint8Array(pt);
  } catch {
    throw decryptFailed();
  }
}

function decryptFailed(): WardError {
  return new WardError('decrypt-failed', 'Cannot decrypt: the key is wrong or the data was altered.');
}
