import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlnopad as b64 } from '@scure/base';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CeremonyError, createWithPrf, getPrf } from '../../../extension/passkey/ceremony';

/**
 * A stand-in authenticator for navigator.credentials: PRF as CTAP2 hmac-secret computes it, over
 * the salt WebAuthn L3 §10.1.4 derives: SHA-256("WebAuthn PRF" || 0x00 || input).
 */
class FakeCredential {
  constructor(
    readonly rawId: ArrayBuffer,
    private readonly ext: unknown,
  ) {}
  getClientExtensionResults() {
    return this.ext;
  }
}

const label = new TextEncoder().encode('WebAuthn PRF\0');
const bytesOf = (src: BufferSource) =>
  src instanceof ArrayBuffer
    ? new Uint8Array(src)
    : new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
const prf = (secret: Uint8Array, input: BufferSource) =>
  hmac(sha256, secret, sha256(new Uint8Array([...label, ...bytesOf(input)])));

interface Options {
  prfAtCreate: boolean;
  hasPrf: boolean;
}
function authenticator({ prfAtCreate, hasPrf }: Options) {
  const creds = new Map<string, Uint8Array>();
  const seen: { get: PublicKeyCredentialRequestOptions[] } = { get: [] };
  const credentials = {
    async create({ publicKey }: { publicKey: PublicKeyCredentialCreationOptions }) {
      expect(publicKey.authenticatorSelection?.userVerification).toBe('required');
      const id = crypto.getRandomValues(new Uint8Array(16));
      const secret = crypto.getRandomValues(new Uint8Array(32));
      creds.set(b64.encode(id), secret);
      const input = (publicKey.extensions as { prf: { eval: { first: BufferSource } } }).prf.eval.first;
      const ext = !hasPrf
        ? { prf: { enabled: false } }
        : prfAtCreate
          ? { prf: { enabled: true, results: { first: prf(secret, input).buffer } } }
          : { prf: { enabled: true } };
      return new FakeCredential(id.buffer, ext);
    },
    async get({ publicKey }: { publicKey: PublicKeyCredentialRequestOptions }) {
      seen.get.push(publicKey);
      expect(publicKey.userVerification).toBe('required');
      const allowed = (publicKey.allowCredentials ?? []).map((c) => b64.encode(bytesOf(c.id)));
      const id = allowed.find((a) => creds.has(a));
      if (!id) throw new DOMException('No credential', 'NotAllowedError');
      const secret = creds.get(id) as Uint8Array;
      const ext = publicKey.extensions as {
        prf: { eval: { first: BufferSource }; evalByCredential?: Record<string, { first: BufferSource }> };
      };
      const input = ext.prf.evalByCredential?.[id]?.first ?? ext.prf.eval.first;
      return new FakeCredential(
        b64.decode(id).buffer as ArrayBuffer,
        hasPrf ? { prf: { results: { first: prf(secret, input).buffer } } } : {},
      );
    },
  };
  return { credentials, creds, seen };
}

const reg = (salt = crypto.getRandomValues(new Uint8Array(32))) => ({
  token: 't',
  salt: b64.encode(salt),
  userId: b64.encode(new TextEncoder().encode('vault-1')),
  excludeCredentials: [],
});

describe('passkey ceremony (WebAuthn PRF) against a simulated authenticator', () => {
  beforeEach(() => vi.stubGlobal('PublicKeyCredential', FakeCredential));
  afterEach(() => vi.unstubAllGlobals());

  for (const prfAtCreate of [true, false]) {
    it(`gets the same PRF output at registration and unlock (output ${prfAtCreate ? 'at create' : 'from a get after create'})`, async () => {
      const auth = authenticator({ prfAtCreate, hasPrf: true });
      vi.stubGlobal('navigator', { credentials: auth.credentials });
      const r = reg();
      const made = await createWithPrf(r, 'ext-id');
      expect(b64.decode(made.prfOutput)).toHaveLength(32);
      expect(auth.seen.get).toHaveLength(prfAtCreate ? 0 : 1);
      const again = await getPrf(
        { credentials: [{ credentialId: made.credentialId, salt: r.salt }] },
        'ext-id',
      );
      expect(again).toEqual(made);
    });
  }

  it('with several passkeys evaluates each one’s own salt (evalByCredential) and always passes eval.first', async () => {
    const auth = authenticator({ prfAtCreate: true, hasPrf: true });
    vi.stubGlobal('navigator', { credentials: auth.credentials });
    const r1 = reg();
    const r2 = reg();
    const one = await createWithPrf(r1, 'ext-id');
    const two = await createWithPrf(r2, 'ext-id');
    auth.creds.delete(one.credentialId); // only the second passkey is present now
    const got = await getPrf(
      {
        credentials: [
          { credentialId: one.credentialId, salt: r1.salt },
          { credentialId: two.credentialId, salt: r2.salt },
        ],
      },
      'ext-id',
    );
    expect(got).toEqual(two);
    const ext = auth.seen.get[0]?.extensions as { prf: { eval?: unknown; evalByCredential?: object } };
    expect(ext.prf.eval).toBeDefined();
    expect(Object.keys(ext.prf.evalByCredential ?? {}).sort()).toEqual(
      [one.credentialId, two.credentialId].sort(),
    );
    expect(auth.seen.get[0]?.rpId).toBe('ext-id');
  });

  it('an authenticator without PRF gets the no-PRF message; an unknown passkey is reported as cancelled', async () => {
    const auth = authenticator({ prfAtCreate: false, hasPrf: false });
    vi.stubGlobal('navigator', { credentials: auth.credentials });
    const err = await createWithPrf(reg(), 'ext-id').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CeremonyError);
    expect((err as CeremonyError).reason).toBe('no-prf');
    expect((err as Error).message).toMatch(/no WebAuthn PRF support.*passphrase still works/);

    const other = await getPrf({ credentials: [{ credentialId: 'AAAA', salt: reg().salt }] }, 'ext-id').catch(
      (e: unknown) => e,
    );
    expect((other as CeremonyError).reason).toBe('cancelled');
    expect((other as Error).message).toMatch(/cannot unlock this vault/);
    const none = await getPrf({ credentials: [] }, 'ext-id').catch((e: unknown) => e);
    expect((none as Error).message).toMatch(/No passkey unlocks this vault yet/);
  });

  it('says so when the browser has no WebAuthn on extension pages', async () => {
    vi.stubGlobal('PublicKeyCredential', undefined);
    const err = await createWithPrf(reg(), 'ext-id').catch((e: unknown) => e);
    expect((err as CeremonyError).reason).toBe('unsupported');
  });
});
