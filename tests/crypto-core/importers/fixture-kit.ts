// Shared pieces of the fixture generator: the test password, the Fixture shape, byte helpers and a
// hand-written otpauth:// URI (Key Uri Format) that does not come from Ward's serializer.
import type { Entry } from '../../../crypto-core/entry';
import { ACCOUNTS, type Account } from './accounts';

export const PASSWORD = 'correct horse ✓ battery';

export interface Fixture {
  name: string;
  /** the importer id that must read it */
  format: string;
  data: string | Uint8Array;
  password?: string;
  /** the accounts the format can hold, as the file holds them */
  expected: Account[];
}

export const enc = new TextEncoder();
export const rand = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
export const pick = (...keys: Account['key'][]) => ACCOUNTS.filter((a) => keys.includes(a.key));
export const ALL = ACCOUNTS as Account[];
export const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
export const upper = (t: Entry['type']) => t.toUpperCase();

/** An otpauth:// URI written by hand (Key Uri Format), not by Ward's serializer. */
export function uriOf(e: Entry, extra = ''): string {
  const label = `${encodeURIComponent(e.issuer)}:${encodeURIComponent(e.account)}`;
  const last = e.type === 'hotp' ? `counter=${e.counter}` : `period=${e.period}`;
  return `otpauth://${e.type}/${label}?secret=${e.secret}&issuer=${encodeURIComponent(e.issuer)}&algorithm=${e.algorithm}&digits=${e.digits}&${last}${extra}`;
}
