import { base64urlnopad, hex } from '@scure/base';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPairingRequest,
  type DeviceTransfer,
  fingerprintPhrase,
  openVaultKeyFromDevice,
  parseDeviceTransfer,
  sealVaultKeyForDevice,
} from '../../crypto-core/pairing';
import { codeOf } from './ward-error';

const VAULT = 'vault-1';
const CTX = { requestId: 'req-1' };
const subtle = globalThis.crypto.subtle;

// RFC 7748 §6.1 Diffie-Hellman test vector.
const RFC = {
  alicePriv: hex.decode('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'),
  alicePub: hex.decode('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a'),
  bobPriv: hex.decode('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb'),
  bobPub: hex.decode('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f'),
  shared: hex.decode('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742'),
};

// u-coordinates of small order on curve25519 and its twist, and their non-canonical encodings
// (https://cr.yp.to/ecdh.html#validate; RFC 7748 §5 ignores the top bit).
const LOW_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '0100000000000000000000000000000000000000000000000000000000000080',
].map((h) => hex.decode(h));

const flip = (text: string, bit = 0): string => {
  const b = base64urlnopad.decode(text);
  b[bit >> 3] = (b[bit >> 3] as number) ^ (1 << (bit & 7));
  return base64urlnopad.encode(b);
};

async function hkdf(ikm: Uint8Array, info: string, bytes: number): Promise<Uint8Array> {
  const key = await subtle.importKey('raw', new Uint8Array(ikm), 'HKDF', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(info) },
    key,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

// The phrase recomputed from the documented rule with WebCrypto's HKDF, not ours.
async function expectedPhrase(ikm: Uint8Array, info: string): Promise<string[]> {
  const n = new DataView((await hkdf(ikm, info, 8)).buffer).getBigUint64(0) >> 9n;
  return [44n, 33n, 22n, 11n, 0n].map((s) => wordlist[Number((n >> s) & 0x7ffn)] as string);
}

describe('pairing round trip', () => {
  it('the new device gets the vault key, and both screens show the same phrase', async () => {
    const device = createPairingRequest();
    const vk = globalThis.crypto.getRandomValues(new Uint8Array(32));
    // The approver only ever sees the key as the relay gives it: base64url text.
    const relayed = base64urlnopad.encode(device.publicKey);
    expect(fingerprintPhrase(relayed)).toEqual(fingerprintPhrase(device.publicKey));
    const transfer = await sealVaultKeyForDevice(vk, VAULT, relayed, CTX);
    const overTheWire = JSON.parse(JSON.stringify(transfer)) as DeviceTransfer;
    expect(await openVaultKeyFromDevice(overTheWire, device.privateKey, VAULT, CTX)).toEqual(vk);
    expect(await openVaultKeyFromDevice(JSON.stringify(transfer), device.privateKey, VAULT, CTX)).toEqual(vk);
  });

  it('every approval uses a fresh approver key and nonce, and holds no key bytes in the clear', async () => {
    const device = createPairingRequest();
    const vk = new Uint8Array(32).fill(0xab);
    const a = await sealVaultKeyForDevice(vk, VAULT, device.publicKey, CTX);
    const b = await sealVaultKeyForDevice(vk, VAULT, device.publicKey, CTX);
    expect(a.approverPublicKey).not.toBe(b.approverPublicKey);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.wrapped).not.toBe(b.wrapped);
    expect(JSON.stringify(a)).not.toContain(base64urlnopad.encode(vk));
    expect(Object.keys(a).sort()).toEqual(['approverPublicKey', 'nonce', 'requestId', 'v', 'wrapped']);
  });

  it('opens a transfer built by hand from the documented format and the RFC 7748 test vector', async () => {
    // Approver ephemeral = Alice, new device = Bob; the shared secret is the RFC's.
    const vk = Uint8Array.from({ length: 32 }, (_, i) => i);
    const b64 = base64urlnopad.encode;
    const info = `ward/v1/kek/device|${VAULT}|req-1|${b64(RFC.bobPub)}|${b64(RFC.alicePub)}`;
    const kek = await hkdf(RFC.shared, info, 32);
    const nonce = new Uint8Array(12).fill(3);
    const key = await subtle.importKey('raw', new Uint8Array(kek), 'AES-GCM', false, ['encrypt']);
    const aad = new TextEncoder().encode(`ward/v1/pairing|${VAULT}|req-1`);
    const ct = await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad }, key, vk);
    const transfer = { v: 1, requestId: 'req-1', approverPublicKey: b64(RFC.alicePub), nonce: b64(nonce) };
    const opened = await openVaultKeyFromDevice(
      { ...transfer, wrapped: b64(new Uint8Array(ct)) } as DeviceTransfer,
      RFC.bobPriv,
      VAULT,
      CTX,
    );
    expect(opened).toEqual(vk);
  });

  it('round-trips any vault key, vault id and request id (property)', async () => {
    const id = fc.stringMatching(/^[A-Za-z0-9._:~-]{1,40}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        id,
        id,
        async (vk, vaultId, requestId) => {
          const device = createPairingRequest();
          const t = await sealVaultKeyForDevice(vk, vaultId, device.publicKey, { requestId });
          expect(await openVaultKeyFromDevice(t, device.privateKey, vaultId, { requestId })).toEqual(vk);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('fingerprint phrase', () => {
  it('is five BIP39 words from HKDF-SHA256 over the request key (checked with WebCrypto HKDF)', async () => {
    const words = fingerprintPhrase(RFC.bobPub);
    expect(words).toHaveLength(5);
    expect(words).toEqual(await expectedPhrase(RFC.bobPub, 'ward/v1/pairing/phrase'));
  });

  it('covers both keys in a fixed order when the approver key is given', async () => {
    const both = fingerprintPhrase(RFC.bobPub, RFC.alicePub);
    const ikm = new Uint8Array([...RFC.bobPub, ...RFC.alicePub]);
    expect(both).toEqual(await expectedPhrase(ikm, 'ward/v1/pairing/phrase2'));
    expect(fingerprintPhrase(RFC.alicePub, RFC.bobPub)).not.toEqual(both);
    expect(fingerprintPhrase(RFC.bobPub)).not.toEqual(both);
  });

  it('differs when a relay swaps in its own key, and the swapped approval does not open', async () => {
    const device = createPairingRequest();
    const relay = createPairingRequest();
    // What the approver would show if the server substituted its key: the user sees different words.
    expect(fingerprintPhrase(relay.publicKey)).not.toEqual(fingerprintPhrase(device.publicKey));
    const sealedToRelay = await sealVaultKeyForDevice(new Uint8Array(32), VAULT, relay.publicKey, CTX);
    expect(await codeOf(openVaultKeyFromDevice(sealedToRelay, device.privateKey, VAULT, CTX))).toBe(
      'decrypt-failed',
    );
  });

  it('refuses keys that are not X25519 public keys', async () => {
    for (const bad of [new Uint8Array(31), new Uint8Array(33), 'not base64!', '', ...LOW_ORDER]) {
      expect(await codeOf(() => fingerprintPhrase(bad))).toBe('invalid-argument');
      expect(await codeOf(() => fingerprintPhrase(RFC.bobPub, bad))).toBe('invalid-argument');
    }
  });
});

describe('refusals', () => {
  it('refuses to seal to a low-order (small-subgroup) key', async () => {
    for (const point of LOW_ORDER) {
      expect(await codeOf(sealVaultKeyForDevice(new Uint8Array(32), VAULT, point, CTX))).toBe(
        'invalid-argument',
      );
    }
  });

  it('refuses a transfer whose approver key is a low-order point', async () => {
    const device = createPairingRequest();
    const t = await sealVaultKeyForDevice(new Uint8Array(32), VAULT, device.publicKey, CTX);
    for (const point of LOW_ORDER) {
      const bad = { ...t, approverPublicKey: base64urlnopad.encode(point) };
      expect(await codeOf(openVaultKeyFromDevice(bad, device.privateKey, VAULT, CTX))).toBe('corrupt');
    }
  });

  it('another device, vault or request, or any altered byte → decrypt-failed', async () => {
    const device = createPairingRequest();
    const t = await sealVaultKeyForDevice(new Uint8Array(32).fill(7), VAULT, device.publicKey, CTX);
    const other = createPairingRequest();
    const open = (tr: DeviceTransfer, priv = device.privateKey, vault = VAULT, ctx = CTX) =>
      codeOf(openVaultKeyFromDevice(tr, priv, vault, ctx));
    expect(await open(t, other.privateKey)).toBe('decrypt-failed');
    expect(await open(t, device.privateKey, 'vault-2')).toBe('decrypt-failed');
    expect(await open(t, device.privateKey, VAULT, { requestId: 'req-2' })).toBe('decrypt-failed');
    // Relabelled for another request: the AAD still names req-1.
    expect(await open({ ...t, requestId: 'req-2' }, device.privateKey, VAULT, { requestId: 'req-2' })).toBe(
      'decrypt-failed',
    );
    expect(await open({ ...t, approverPublicKey: base64urlnopad.encode(other.publicKey) })).toBe(
      'decrypt-failed',
    );
    for (const bit of [0, 95]) expect(await open({ ...t, nonce: flip(t.nonce, bit) })).toBe('decrypt-failed');
    for (const bit of [0, 200, 383])
      expect(await open({ ...t, wrapped: flip(t.wrapped, bit) })).toBe('decrypt-failed');
  });

  it('malformed transfers from the relay → corrupt; a newer format → unsupported-version', async () => {
    const device = createPairingRequest();
    const t = await sealVaultKeyForDevice(new Uint8Array(32), VAULT, device.publicKey, CTX);
    const cases: [unknown, string][] = [
      ['{not json', 'corrupt'],
      [null, 'corrupt'],
      [[t], 'corrupt'],
      [{ ...t, v: 2 }, 'unsupported-version'],
      [{ ...t, v: 0 }, 'corrupt'],
      [{ ...t, requestId: 'a|b' }, 'corrupt'],
      [{ ...t, approverPublicKey: undefined }, 'corrupt'],
      [{ ...t, approverPublicKey: t.approverPublicKey.slice(2) }, 'corrupt'],
      [{ ...t, nonce: t.nonce.slice(4) }, 'corrupt'],
      [{ ...t, wrapped: t.wrapped.slice(8) }, 'corrupt'],
      [{ ...t, wrapped: '***' }, 'corrupt'],
    ];
    for (const [value, code] of cases) {
      expect(await codeOf(() => parseDeviceTransfer(value))).toBe(code);
      expect(
        await codeOf(openVaultKeyFromDevice(value as DeviceTransfer, device.privateKey, VAULT, CTX)),
      ).toBe(code);
    }
    expect(parseDeviceTransfer(JSON.stringify(t))).toEqual(t);
  });

  it('bad arguments → invalid-argument, and the caller’s keys are left as they were', async () => {
    const device = createPairingRequest();
    const vk = new Uint8Array(32).fill(1);
    expect(await codeOf(sealVaultKeyForDevice(new Uint8Array(16), VAULT, device.publicKey, CTX))).toBe(
      'invalid-argument',
    );
    expect(await codeOf(sealVaultKeyForDevice(vk, 'a|b', device.publicKey, CTX))).toBe('invalid-argument');
    expect(await codeOf(sealVaultKeyForDevice(vk, VAULT, device.publicKey, { requestId: '' }))).toBe(
      'invalid-argument',
    );
    const t = await sealVaultKeyForDevice(vk, VAULT, device.publicKey, CTX);
    expect(vk).toEqual(new Uint8Array(32).fill(1));
    expect(await codeOf(openVaultKeyFromDevice(t, new Uint8Array(31), VAULT, CTX))).toBe('invalid-argument');
    const priv = device.privateKey.slice();
    await openVaultKeyFromDevice(t, device.privateKey, VAULT, CTX);
    expect(device.privateKey).toEqual(priv);
  });
});
