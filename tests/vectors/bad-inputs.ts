// The shared list of bad inputs every parser in crypto-core is fed (STYLE.md: "one list of bad inputs
// run against every export"). Each must end in a WardError, never a TypeError or a crash.

/** Deterministic pseudo-random bytes (xorshift32), so a failure reproduces. */
export function pseudoRandomBytes(length: number, seed = 0x2545f491): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Inputs that are strings but not what any parser wants. */
export const BAD_STRINGS: ReadonlyArray<readonly [string, string]> = [
  ['empty', ''],
  ['only spaces', '   \n\t '],
  ['random bytes as text', latin1(pseudoRandomBytes(200))],
  ['random bytes as text (other seed)', latin1(pseudoRandomBytes(64, 7))],
  ['lone surrogates', '\uD800\uDC00\uDFFF\uD83D'],
  ['NUL bytes', '\u0000\u0000\u0000'],
  ['huge (1 MiB)', 'A'.repeat(1 << 20)],
  ['just a scheme', 'otpauth:'],
  ['http URL', 'https://example.com/?secret=JBSWY3DPEHPK3PXP'],
  ['JSON', '{"secret":"JBSWY3DPEHPK3PXP"}'],
  ['percent garbage', '%%%%%E0%A4%A'],
];

/** Values of the wrong type, passed where a string (or entry) is expected. */
export const BAD_TYPES: ReadonlyArray<readonly [string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['number', 42],
  ['NaN', Number.NaN],
  ['boolean', true],
  ['object', {}],
  ['array', []],
  ['bytes', new Uint8Array([111, 116, 112])],
  ['String object', new String('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP')],
  ['symbol', Symbol('uri')],
  ['bigint', 10n],
  ['function', () => 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP'],
];

/** Every prefix of `text` shorter than it (a truncated scan or paste). */
export function truncations(text: string): string[] {
  return Array.from({ length: text.length }, (_, i) => text.slice(0, i));
}
