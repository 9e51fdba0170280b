/**
 * Which vault entries belong to a page: equality of registrable domains (eTLD+1 by the Public
 * Suffix List, via tldts), after WHATWG URL host parsing (lower case, IDNA to punycode).
 */
import { parse } from 'tldts';
import type { Entry } from '../../crypto-core/entry';

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The WHATWG-canonical host (punycode, lower case, no port, no trailing dot) of a URL or bare host. */
function canonicalHost(urlOrHost: string): string | null {
  const raw = urlOrHost.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.replace(/\.+$/, '');
  return host || null;
}

/**
 * Registrable domain (eTLD+1, Public Suffix List incl. its private section) of a URL or host.
 * - `https://www.GitHub.com:8443/x` → `github.com`; `gíthub.com` → `xn--gthub-zsa.com` (never `github.com`).
 * - Private suffixes count as suffixes: `alice.github.io` and `bob.github.io` are different
 *   sites, so a code saved for one is never offered to the other; `github.io` alone is null.
 * - IP addresses, `localhost`, `*.localhost` and single-label intranet hosts are returned exactly.
 * - Anything that is not http(s), or is a bare public suffix (`co.uk`), gives null.
 */
export function registrableDomain(urlOrHost: string): string | null {
  const host = canonicalHost(urlOrHost);
  if (!host) return null;
  if (host.startsWith('[') || IPV4.test(host)) return host;
  if (host === 'localhost' || host.endsWith('.localhost')) return host;
  if (!host.includes('.')) return host;
  const parsed = parse(host, { allowPrivateDomains: true, extractHostname: false });
  if (parsed.isIp) return host;
  return parsed.domain ?? null;
}

/**
 * The entries whose `domains` hold the page's registrable domain. Stored domains are normalised
 * the same way, so `www.github.com` saved by hand still matches `github.com`. Pages that are not
 * http(s) (file:, data:, extension pages) match nothing.
 */
export function entriesForPage<T extends Pick<Entry, 'domains'>>(
  entries: readonly T[],
  pageUrl: string,
): T[] {
  if (!/^https?:\/\//i.test(pageUrl.trim())) return [];
  const site = registrableDomain(pageUrl);
  if (!site) return [];
  return entries.filter((e) => (e.domains ?? []).some((d) => registrableDomain(d) === site));
}
