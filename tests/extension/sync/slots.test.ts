// Key-slot bookkeeping: the text form that tells "changed here" from "changed on the server" must not
// depend on property order, because chrome.storage returns objects with their keys sorted.
import { describe, expect, it } from 'vitest';
import type { KeySlot } from '../../../crypto-core/keyslots';
import { slotsJson } from '../../../extension/sync/slots';

const slot: KeySlot = {
  v: 1,
  id: 'pw-1',
  kind: 'passphrase',
  salt: 'c2FsdHNhbHRzYWx0c2FsdA',
  nonce: 'bm9uY2Vub25jZW5v',
  wrapped: 'd3JhcHBlZA',
  params: { m: 65536, t: 3, p: 1 },
  createdAt: 1,
};

describe('slotsJson', () => {
  it('is the same for slots read back with their keys sorted (as chrome.storage returns them)', () => {
    const sorted = JSON.parse(JSON.stringify(slot, Object.keys(slot).sort())) as KeySlot;
    const resorted = { ...sorted, params: { p: 1, t: 3, m: 65536 } } as KeySlot;
    expect(Object.keys(resorted)).not.toEqual(Object.keys(slot));
    expect(slotsJson([resorted])).toBe(slotsJson([slot]));
  });

  it('differs when a slot really changed, and ignores list order', () => {
    const other: KeySlot = { ...slot, id: 'rc-1', kind: 'recovery' };
    expect(slotsJson([slot, other])).toBe(slotsJson([other, slot]));
    expect(slotsJson([{ ...slot, wrapped: 'b3RoZXI' }])).not.toBe(slotsJson([slot]));
  });
});
