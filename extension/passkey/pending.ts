/**
 * A passkey being registered: the passphrase opened VK before the WebAuthn ceremony, and VK waits
 * here (service-worker memory only, never storage) until the tab returns the PRF output, for at most
 * two minutes. A worker restart drops it: the user simply starts again.
 */
import { base64urlnopad } from '@scure/base';

const TTL_MS = 120_000;

interface Pending {
  vaultId: string;
  vaultKey: Uint8Array;
  salt: Uint8Array;
  expires: number;
  timer: ReturnType<typeof setTimeout>;
}

const pending = new Map<string, Pending>();

/** Keeps VK for one registration; returns its one-time token. Takes ownership of `vaultKey`. */
export function holdVaultKey(vaultId: string, vaultKey: Uint8Array, salt: Uint8Array, now = Date.now()) {
  dropAll(); // one registration at a time: a second tab replaces the first
  const token = base64urlnopad.encode(crypto.getRandomValues(new Uint8Array(16)));
  const timer = setTimeout(() => drop(token), TTL_MS);
  pending.set(token, { vaultId, vaultKey, salt, expires: now + TTL_MS, timer });
  return token;
}

/** Removes and returns the held registration (the caller zeroes VK), or null when unknown/expired. */
export function takeVaultKey(token: string, now = Date.now()): Omit<Pending, 'timer' | 'expires'> | null {
  const p = pending.get(token);
  if (!p) return null;
  pending.delete(token);
  clearTimeout(p.timer);
  if (p.expires < now) {
    p.vaultKey.fill(0);
    return null;
  }
  return { vaultId: p.vaultId, vaultKey: p.vaultKey, salt: p.salt };
}

/** Forgets one registration and zeroes its VK. */
export function drop(token: string): void {
  takeVaultKey(token)?.vaultKey.fill(0);
}

/** Forgets every registration (lock, a new registration). */
export function dropAll(): void {
  for (const token of [...pending.keys()]) drop(token);
}
