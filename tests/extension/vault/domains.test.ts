import { describe, expect, it } from 'vitest';
import { entriesForPage } from '../../../extension/autofill/match';
import { toRegistrableDomain } from '../../../extension/vault/entries';

describe('domains saved on an entry', () => {
  it.each([
    ['https://alice.github.io/login', 'alice.github.io'],
    ['login.example.co.uk', 'example.co.uk'],
    ['http://localhost:3000/2fa', 'localhost'],
    ['http://127.0.0.1:8080/', '127.0.0.1'],
    ['WWW.GitHub.com.', 'github.com'],
  ])('%s is saved as %s and matches its own site', (typed, saved) => {
    const domain = toRegistrableDomain(typed);
    expect(domain).toBe(saved);
    const url = typed.includes('://') ? typed : `https://${typed}`;
    expect(entriesForPage([{ domains: [domain] }], url)).toHaveLength(1);
  });

  it('does not let a private suffix stand for every site under it', () => {
    expect(
      entriesForPage([{ domains: [toRegistrableDomain('alice.github.io')] }], 'https://bob.github.io/'),
    ).toEqual([]);
  });

  it('refuses text that is not a domain, without echoing more than a short prefix', () => {
    expect(() => toRegistrableDomain('not a domain at all')).toThrow(/not a web domain/);
    expect(() => toRegistrableDomain(`x y${'z'.repeat(500)}`)).toThrow(/^(?!.{200})/s);
  });
});
