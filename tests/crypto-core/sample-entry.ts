import type { Entry } from '../../crypto-core/entry';

/** An everyday TOTP entry (SHA-1, 6 digits, 30 s); `over` replaces any field. */
export function totpEntry(over: Partial<Entry> = {}): Entry {
  return {
    type: 'totp',
    issuer: 'Example',
    account: 'alice@example.com',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...over,
  };
}
