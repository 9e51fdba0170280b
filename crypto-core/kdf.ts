/** Key derivation: Argon2id (RFC 9106) through hash-wasm, HKDF-SHA256 (RFC 5869) through @noble/hashes. */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { argon2id as wasmArgon2id } from 'hash-wasm';
import { assertBytes, utf8, wipe } from './_bytes';
import { WardError } from './errors';

/** Argon2id cost: `m` memory in KiB, `t` passes, `p` lanes. */
export interface Argon2Params {
  m: number;
  t: number;
  p: number;
}

/**
 * Ward's default for new slots and backups: 192 MiB, 3 passes, 1 lane. Measured with hash-wasm on
 * the 2-core reference machine: ~0.77 s (256 MiB took ~1.05 s, over the 1 s unlock budget).
 */
export const DEFAULT_ARGON2: Readonly<Argon2Params> = Object.freeze({ m: 192 * 1024, t: 3, p: 1 });

/** The weakest parameters Ward accepts from anyone (a slot from the server, a backup file): 64 MiB, t=3. */
export const ARGON2_FLOOR: Readonly<Argon2Params> = Object.freeze({ m: 64 * 1024, t: 3, p: 1 });

/** Above these a file is hostile or broken: refused before any memory is allocated (1 GiB, t=64, p=16). */
export const ARGON2_CEILING: Readonly<Argon2Params> = Object.freeze({ m: 1024 * 1024, t: 64, p: 16 });

/** Argon2id salt bounds in bytes (RFC 9106 §3.1 recommends 16); Ward writes 16. */
export const SALT_MIN = 16;
export const SALT_MAX = 64;

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
}

/**
 * Validate Argon2id parameters from any source: malformed or above ARGON2_CEILING →
 * WardError('absurd-kdf-params'); below ARGON2_FLOOR → WardError('weak-kdf-params').
 */
export function checkArgon2Params(params: unknown): Argon2Params {
  if (typeof params !== 'object' || params === null) {
    throw new WardError('absurd-kdf-params', 'Argon2id parameters are missing.');
  }
  const { m, t, p } = params as Record<string, unknown>;
  if (!isCount(m) || !isCount(t) || !isCount(p)) {
    throw new WardError('absurd-kdf-params', 'Argon2id parameters m, t and p must be positive integers.');
  }
  if (m > ARGON2_CEILING.m || t > ARGON2_CEILING.t || p > ARGON2_CEILING.p) {
    throw new WardError(
      'absurd-kdf-params',
      `Argon2id parameters m=${m} KiB, t=${t}, p=${p} exceed Ward's limits (m ≤ 1 GiB, t ≤ 64, p ≤ 16): ` +
        'the file is damaged or was made to exhaust this device.',
    );
  }
  if (m < ARGON2_FLOOR.m || t < ARGON2_FLOOR.t) {
    throw new WardError(
      'weak-kdf-params',
      `Argon2id parameters m=${m} KiB, t=${t} are below Ward's minimum (m ≥ 64 MiB, t ≥ 3): refused, ` +
        'because they would make the passphrase cheap to guess.',
    );
  }
  // RFC 9106 §3.1: at least 8 KiB per lane. Unreachable with the floor above, kept for safety.
  if (m < 8 * p) throw new WardError('absurd-kdf-params', 'Argon2id memory must be at least 8 KiB per lane.');
  return { m, t, p };
}

/** A passphrase as Argon2id input: NFKC-normalised (Unicode UAX #15) so every keyboard gives the same bytes. */
export function passphraseBytes(passphrase: string): Uint8Array {
  return utf8(passphrase.normalize('NFKC'));
}

/**
 * Argon2id (RFC 9106, version 0x13) → 32 bytes. Parameters are checked (floor and ceiling) before
 * anything is allocated; the salt must be 16–64 bytes.
 */
export async function argon2id(
  password: Uint8Array,
  salt: Uint8Array,
  params: Argon2Params,
): Promise<Uint8Array> {
  const { m, t, p } = checkArgon2Params(params);
  assertBytes(password, undefined, 'password');
  if (!(salt instanceof Uint8Array) || salt.length < SALT_MIN || salt.length > SALT_MAX) {
    throw new WardError('absurd-kdf-params', `Argon2id salt must be ${SALT_MIN}–${SALT_MAX} bytes.`);
  }
  // Copies: the caller may wipe its buffers while this derivation waits its turn.
  const pw = password.slice();
  const saltCopy = salt.slice();
  return oneAtATime(async () => {
    try {
      return await wasmArgon2id({
        password: pw,
        salt: saltCopy,
        iterations: t,
        parallelism: p,
        memorySize: m,
        hashLength: 32,
        outputType: 'binary',
      });
    } catch (cause) {
      // Only reachable when the runtime cannot give WebAssembly the memory (or WASM is blocked by CSP).
      throw new WardError('absurd-kdf-params', 'This device could not run Argon2id with these parameters.', {
        cause,
      });
    } finally {
      wipe(pw);
    }
  });
}

// Each derivation holds up to 1 GiB of WASM memory: running them one after another keeps a burst of
// unlock attempts (or a page of imported slots) from multiplying that in the service worker.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** HKDF-SHA256 (RFC 5869): extract with `salt`, expand with the UTF-8 `info` label to `length` bytes. */
export function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array | undefined,
  info: string,
  length: number,
): Uint8Array {
  assertBytes(ikm, undefined, 'HKDF input key material');
  if (salt !== undefined) assertBytes(salt, undefined, 'HKDF salt');
  if (typeof info !== 'string') throw new WardError('invalid-argument', 'HKDF info must be a text label.');
  if (!Number.isSafeInteger(length) || length < 1 || length > 255 * 32) {
    throw new WardError('invalid-argument', 'HKDF output length must be 1–8160 bytes.');
  }
  return hkdf(sha256, ikm, salt, utf8(info), length);
}
