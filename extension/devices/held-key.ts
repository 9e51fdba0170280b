/**
 * VK a device approval delivered, held in worker memory (never storage) for a few minutes so the new
 * device can set a passphrase of its own without knowing the old one. The worker otherwise keeps
 * only RK; this copy is wiped on first use, on timeout, and whenever it is asked for while locked.
 */

/** How long a new device may set its passphrase after approval. */
export const HOLD_MS = 10 * 60_000;

let held: { key: Uint8Array; vaultId: string; until: number } | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

/** Forgets the held key (zeroed). */
export function dropHeldKey(): void {
  held?.key.fill(0);
  held = null;
  if (timer) clearTimeout(timer);
  timer = null;
}

/** Holds a copy of `key` for `ms` (the caller keeps and wipes its own). */
export function holdKey(key: Uint8Array, vaultId: string, now = Date.now(), ms = HOLD_MS): void {
  dropHeldKey();
  held = { key: key.slice(), vaultId, until: now + ms };
  timer = setTimeout(dropHeldKey, ms);
}

/** True while a key is held for `vaultId`. */
export function hasHeldKey(vaultId: string, now = Date.now()): boolean {
  return held !== null && held.vaultId === vaultId && now < held.until;
}

/** Takes the held key (the holder forgets it; the caller zeroes it), or null. */
export function takeHeldKey(vaultId: string, now = Date.now()): Uint8Array | null {
  if (!held || held.vaultId !== vaultId || now >= held.until) {
    dropHeldKey();
    return null;
  }
  const key = held.key.slice();
  dropHeldKey();
  return key;
}
