import { describe, expect, it } from 'vitest';
import { entriesForPage, registrableDomain } from '../../../extension/autofill/match';

describe('registrableDomain (eTLD+1, Public Suffix List)', () => {
  it.each([
    ['https://github.com/login', 'github.com'],
    ['https://www.GitHub.com:8443/session', 'github.com'],
    ['https://github.com./', 'github.com'],
    ['https://user:pw@gist.github.com/x?y#z', 'github.com'],
    ['github.com', 'github.com'],
    ['ACCOUNTS.google.com', 'google.com'],
    ['https://a.b.example.co.uk/', 'example.co.uk'],
    ['https://login.microsoftonline.com/', 'microsoftonline.com'],
    ['https://github.com.evil.test/', 'evil.test'],
    ['https://evil-github.com/', 'evil-github.com'],
    ['https://githubcom.test/', 'githubcom.test'],
    // IDNA: a look-alike with an accented letter becomes its own punycode domain
    ['https://gíthub.com/', 'xn--gthub-zsa.com'],
    ['https://xn--gthub-zsa.com/', 'xn--gthub-zsa.com'],
    ['https://аррӏе.com/', 'xn--80ak6aa92e.com'],
    // private suffixes are suffixes: each user's site is separate
    ['https://alice.github.io/app', 'alice.github.io'],
    ['https://bob.github.io/', 'bob.github.io'],
    ['https://myapp.herokuapp.com/', 'myapp.herokuapp.com'],
    // exact hosts
    ['http://localhost:3000/', 'localhost'],
    ['http://app.localhost/', 'app.localhost'],
    ['http://127.0.0.1:8080/', '127.0.0.1'],
    ['http://[::1]:3000/', '[::1]'],
    ['http://intranet/', 'intranet'],
  ])('%s → %s', (input, want) => {
    expect(registrableDomain(input)).toBe(want);
  });

  it.each([
    ['https://github.io/'],
    ['https://co.uk/'],
    ['file:///home/me/page.html'],
    ['chrome-extension://abcdef/popup.html'],
    ['data:text/html,hi'],
    ['about:blank'],
    ['javascript:alert(1)'],
    [''],
    ['   '],
    ['http://'],
  ])('%s has no registrable domain', (input) => {
    expect(registrableDomain(input)).toBeNull();
  });
});

describe('entriesForPage', () => {
  const github = { issuer: 'GitHub', domains: ['github.com'] };
  const google = { issuer: 'Google', domains: ['google.com', 'youtube.com'] };
  const alice = { issuer: 'Alice', domains: ['alice.github.io'] };
  const local = { issuer: 'Dev', domains: ['localhost'] };
  const legacy = { issuer: 'Legacy', domains: ['WWW.Example.COM.'] };
  const none: { issuer: string; domains?: string[] } = { issuer: 'None' };
  const suffixOnly = { issuer: 'Bad', domains: ['github.io'] };
  const all = [github, google, alice, local, legacy, none, suffixOnly];

  it('offers the entries of the page’s site, including its subdomains', () => {
    expect(entriesForPage(all, 'https://github.com/sessions/two-factor')).toEqual([github]);
    expect(entriesForPage(all, 'https://gist.github.com/')).toEqual([github]);
    expect(entriesForPage(all, 'https://accounts.google.com/signin')).toEqual([google]);
    expect(entriesForPage(all, 'https://www.youtube.com/')).toEqual([google]);
    expect(entriesForPage(all, 'https://GITHUB.COM./login')).toEqual([github]);
    expect(entriesForPage(all, 'https://github.com:444/login')).toEqual([github]);
  });

  it('offers nothing to look-alike domains', () => {
    for (const url of [
      'https://github.com.evil.test/',
      'https://evil-github.com/',
      'https://githubcom.test/',
      'https://gíthub.com/',
      'https://xn--gthub-zsa.com/',
      'https://github.co/',
      'https://github.com-login.test/',
      'https://evil.test/github.com',
      'https://evil.test/?u=https://github.com',
      'https://github.com@evil.test/',
    ]) {
      expect(entriesForPage(all, url), url).toEqual([]);
    }
  });

  it('keeps sites on a shared private suffix apart', () => {
    expect(entriesForPage(all, 'https://alice.github.io/')).toEqual([alice]);
    expect(entriesForPage(all, 'https://bob.github.io/')).toEqual([]);
    expect(entriesForPage(all, 'https://github.io/')).toEqual([]);
  });

  it('matches localhost exactly and normalises stored domains', () => {
    expect(entriesForPage(all, 'http://localhost:5173/login')).toEqual([local]);
    expect(entriesForPage(all, 'http://127.0.0.1:5173/login')).toEqual([]);
    expect(entriesForPage(all, 'https://example.com/')).toEqual([legacy]);
  });

  it('matches nothing on pages that are not http(s)', () => {
    for (const url of [
      'file:///github.com/index.html',
      'chrome-extension://x/github.com',
      'about:blank',
      'ftp://github.com/',
    ]) {
      expect(entriesForPage(all, url), url).toEqual([]);
    }
  });
});
