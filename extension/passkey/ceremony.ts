/**
 * The WebAuthn side of passkey unlock, run in an extension tab (the popup closes when the
 * authenticator's dialog takes focus): `create` / `get` with the PRF extension (WebAuthn Level 3
 * §10.1.4), user verification required. The RP ID is this page's host: the extension id.
 */
import { base64urlnopad } from '@scure/base';
import type { PasskeyRegistration, PasskeyUnlockOptions } from './messages';

/** Why a ceremony gave no usable PRF output; the page turns each into a sentence. */
export type CeremonyFailure = 'no-prf' | 'cancelled' | 'unsupported';

export class CeremonyError extends Error {
  readonly reason: CeremonyFailure;
  constructor(reason: CeremonyFailure, message: string) {
    super(message);
    this.name = 'CeremonyError';
    this.reason = reason;
  }
}

/** A PRF output for one credential, both base64url. */
export interface PrfAnswer {
  credentialId: string;
  prfOutput: string;
}

const TIMEOUT_MS = 120_000;
const b64 = base64urlnopad;
const bytes = (text: string) => b64.decode(text) as Uint8Array<ArrayBuffer>;
const challenge = () => crypto.getRandomValues(new Uint8Array(32));

export const NO_PRF_MESSAGE =
  'This passkey cannot derive a key (no WebAuthn PRF support), so it cannot unlock Ward. Your passphrase still works. Try another authenticator, e.g. a recent security key or your browser’s or phone’s password manager.';

function prfFirst(cred: PublicKeyCredential): ArrayBuffer | null {
  const ext = cred.getClientExtensionResults() as { prf?: { results?: { first?: BufferSource } } };
  const first = ext.prf?.results?.first;
  if (!first) return null;
  return first instanceof ArrayBuffer ? first : (first.buffer as ArrayBuffer);
}

function requireWebAuthn(): void {
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) {
    throw new CeremonyError('unsupported', 'This browser cannot use passkeys on Ward’s pages.');
  }
}

function rethrow(e: unknown): never {
  if (e instanceof CeremonyError) throw e;
  if (e instanceof DOMException && (e.name === 'NotAllowedError' || e.name === 'AbortError')) {
    throw new CeremonyError(
      'cancelled',
      'No passkey answered: the request was cancelled or timed out, or this passkey cannot unlock this vault.',
    );
  }
  if (e instanceof DOMException && (e.name === 'NotSupportedError' || e.name === 'SecurityError')) {
    throw new CeremonyError('unsupported', 'This browser cannot use passkeys on Ward’s pages.');
  }
  throw e;
}

function answer(cred: PublicKeyCredential, out: ArrayBuffer | null): PrfAnswer {
  if (out?.byteLength !== 32 || !out) throw new CeremonyError('no-prf', NO_PRF_MESSAGE);
  const view = new Uint8Array(out);
  const prfOutput = b64.encode(view);
  view.fill(0);
  return { credentialId: b64.encode(new Uint8Array(cred.rawId)), prfOutput };
}

async function assert(opts: PasskeyUnlockOptions, rpId: string): Promise<PublicKeyCredential> {
  requireWebAuthn();
  const [first, ...rest] = opts.credentials;
  if (!first) throw new CeremonyError('no-prf', 'No passkey unlocks this vault yet: add one in Settings.');
  const prf: { eval: { first: BufferSource }; evalByCredential?: Record<string, { first: BufferSource }> } = {
    // Always given, so an authenticator that ignores evalByCredential still evaluates a salt.
    eval: { first: bytes(first.salt) },
  };
  if (rest.length) {
    prf.evalByCredential = Object.fromEntries(
      opts.credentials.map((c) => [c.credentialId, { first: bytes(c.salt) }]),
    );
  }
  const cred = await navigator.credentials.get({
    publicKey: {
      challenge: challenge(),
      rpId,
      timeout: TIMEOUT_MS,
      userVerification: 'required',
      allowCredentials: opts.credentials.map((c) => ({ type: 'public-key', id: bytes(c.credentialId) })),
      extensions: { prf } as AuthenticationExtensionsClientInputs,
    },
  });
  if (!(cred instanceof PublicKeyCredential)) throw new CeremonyError('cancelled', 'No passkey answered.');
  return cred;
}

/** Unlock: asks for any of the vault's passkeys and returns the PRF output of the one that answered. */
export async function getPrf(opts: PasskeyUnlockOptions, rpId = location.hostname): Promise<PrfAnswer> {
  try {
    const cred = await assert(opts, rpId);
    return answer(cred, prfFirst(cred));
  } catch (e) {
    rethrow(e);
  }
}

/**
 * Registration: creates a passkey with PRF and evaluates the slot's salt. Chromium may return the
 * output at create; if it only says `prf.enabled`, a `get` right after evaluates it.
 */
export async function createWithPrf(reg: PasskeyRegistration, rpId = location.hostname): Promise<PrfAnswer> {
  try {
    requireWebAuthn();
    const cred = await navigator.credentials.create({
      publicKey: {
        rp: { id: rpId, name: 'Ward' },
        user: { id: bytes(reg.userId), name: 'Ward vault', displayName: 'Ward vault' },
        challenge: challenge(),
        // ES256, EdDSA, RS256: what authenticators support, strongest first.
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -8 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
        excludeCredentials: reg.excludeCredentials.map((id) => ({ type: 'public-key', id: bytes(id) })),
        timeout: TIMEOUT_MS,
        extensions: { prf: { eval: { first: bytes(reg.salt) } } } as AuthenticationExtensionsClientInputs,
      },
    });
    if (!(cred instanceof PublicKeyCredential)) throw new CeremonyError('cancelled', 'No passkey was made.');
    const at = prfFirst(cred);
    if (at) return answer(cred, at);
    const ext = cred.getClientExtensionResults() as { prf?: { enabled?: boolean } };
    if (ext.prf?.enabled !== true) throw new CeremonyError('no-prf', NO_PRF_MESSAGE);
    const id = b64.encode(new Uint8Array(cred.rawId));
    const again = await assert({ credentials: [{ credentialId: id, salt: reg.salt }] }, rpId);
    if (b64.encode(new Uint8Array(again.rawId)) !== id)
      throw new CeremonyError('cancelled', 'Another passkey answered.');
    return answer(again, prfFirst(again));
  } catch (e) {
    rethrow(e);
  }
}
