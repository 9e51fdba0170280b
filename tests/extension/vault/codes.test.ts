import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../crypto-core/entry';
import { groupCode, matchesSearch } from '../../../extension/entrypoints/popup/codes';
import { codeInfo } from '../../../extension/vault/codes';

// RFC 6238 appendix B, SHA1 seed "12345678901234567890" (base32 below), 8 digits.
const rfc: Entry = {
  type: 'totp',
  issuer: 'RFC',
  account: '6238',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  counter: 0,
};

describe('codes for the popup', () => {
  it('gives the current and next TOTP code with the period bounds (RFC 6238 vectors)', () => {
    expect(codeInfo(rfc, 59_000)).toEqual({
      code: '94287082',
      next: codeInfo(rfc, 60_000).code,
      periodStartMs: 30_000,
      periodMs: 30_000,
    });
    const c = codeInfo(rfc, 1_111_111_109_000);
    expect(c.code).toBe('07081804');
    expect(c.next).toBe('14050471');
    expect(c.periodStartMs).toBe(1_111_111_080_000);
  });

  it('gives HOTP codes by counter without a period (RFC 4226 appendix D)', () => {
    const hotp: Entry = { ...rfc, type: 'hotp', digits: 6, counter: 1 };
    expect(codeInfo(hotp, 0)).toEqual({ code: '287082', next: null, periodStartMs: 0, periodMs: 0 });
    expect(codeInfo({ ...hotp, counter: 9 }, 0).code).toBe('520489');
  });

  it('groups codes for reading', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('12345678')).toBe('1234 5678');
    expect(groupCode('1234567')).toBe('1234 567');
    expect(groupCode('2BC4F')).toBe('2BC4F');
  });

  it('searches issuer, account, domains and tags', () => {
    const s = { issuer: 'GitHub', account: 'alice@example.com', domains: ['github.com'], tags: ['Work'] };
    expect(matchesSearch(s, 'git')).toBe(true);
    expect(matchesSearch(s, 'alice')).toBe(true);
    expect(matchesSearch(s, 'hub.com')).toBe(true);
    expect(matchesSearch(s, 'work')).toBe(true);
    expect(matchesSearch(s, 'gitlab')).toBe(false);
    expect(matchesSearch(s, '')).toBe(true);
  });
});
