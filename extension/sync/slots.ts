/**
 * Key slots on the wire: the server stores `{id, kind, data: JSON.stringify(slot)}` opaquely. Slots
 * coming back pass crypto-core's parseKeySlot, which refuses Argon2id costs below the floor, so a
 * malicious server cannot talk this device into a weak KDF.
 */
import { isWardError } from '../../crypto-core/errors';
import { type KeySlot, parseKeySlot } from '../../crypto-core/keyslots';
import type { WireSlot } from './api';

/** The server's form of local slots. */
export function toWire(slots: readonly KeySlot[]): WireSlot[] {
  return slots.map((s) => ({ id: s.id, kind: s.kind, data: JSON.stringify(s) }));
}

/** Server slots this client accepts (well-formed, at or above the KDF floor, id/kind as labelled). */
export function fromWire(wire: readonly WireSlot[]): KeySlot[] {
  const out: KeySlot[] = [];
  for (const w of wire) {
    try {
      const slot = parseKeySlot(w.data);
      if (slot.id === w.id && slot.kind === w.kind) out.push(slot);
    } catch (e) {
      // One unreadable or weakened slot must not block the others; it is simply not used here.
      if (!isWardError(e)) throw e;
    }
  }
  return out;
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A stable text form of a slot list, for telling "changed here" from "changed on the server".
 * Canonical (sorted keys): chrome.storage hands objects back with their keys sorted, so a plain
 * JSON.stringify of the same slots read back differs from the one written and looks like an edit.
 */
export function slotsJson(slots: readonly KeySlot[]): string {
  return canonical([...slots].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

/**
 * Both sides changed the slot list since `base`: keep the server's, minus slots this device
 * removed, plus slots it added (passphrase changes replace a slot: remove one id, add another).
 */
export function mergeSlots(base: readonly KeySlot[], local: readonly KeySlot[], server: readonly KeySlot[]) {
  const baseIds = new Set(base.map((s) => s.id));
  const localIds = new Set(local.map((s) => s.id));
  const removed = new Set([...baseIds].filter((id) => !localIds.has(id)));
  const kept = server.filter((s) => !removed.has(s.id));
  const keptIds = new Set(kept.map((s) => s.id));
  return [...kept, ...local.filter((s) => !baseIds.has(s.id) && !keptIds.has(s.id))];
}
