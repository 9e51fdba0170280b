import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../crypto-core/entry';
import { countDuplicates, planDuplicates, sameSecret } from '../../../extension/capture/duplicates';

const entry = (issuer: string, secret: string, extra: Partial<Entry> = {}): Entry => ({
  type: 'totp',
  issuer,
  account: 'alice',
  secret,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...extra,
});
const A = 'JBSWY3DPEHPK3PXP';
const B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const C = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

describe('duplicates: same secret as the vault, or the same account twice in one file', () => {
  it('compares secrets after normalising spacing, case and padding', () => {
    expect(sameSecret('jbsw y3dp ehpk 3pxp', A)).toBe(true);
    expect(sameSecret(`${A}====`, A)).toBe(true);
    expect(sameSecret(A, B)).toBe(false);
    expect(sameSecret(A, `${A}A`)).toBe(false);
  });

  const stored = [{ id: 's1', ...entry('Stored', A) }];
  const incoming = [entry('New A', A), entry('B', B), entry('B', B), entry('C', C)];

  it('counts secrets already stored and exact repeats inside the batch', () => {
    expect(countDuplicates(incoming, stored)).toBe(2);
    // Two accounts sharing a secret but differing otherwise are not merged.
    expect(countDuplicates([entry('X', B), entry('Y', B)], [])).toBe(0);
  });

  it('skip: adds only new accounts', () => {
    const plan = planDuplicates(incoming, stored, 'skip');
    expect(plan.add.map((e) => e.issuer)).toEqual(['B', 'C']);
    expect(plan.replace).toEqual([]);
    expect(plan.skipped).toBe(2);
  });

  it('replace: overwrites the stored record and still drops the in-file repeat', () => {
    const plan = planDuplicates(incoming, stored, 'replace');
    expect(plan.add.map((e) => e.issuer)).toEqual(['B', 'C']);
    expect(plan.replace).toEqual([{ record: stored[0], entry: incoming[0] }]);
    expect(plan.skipped).toBe(1);
  });

  it('keep: adds everything', () => {
    const plan = planDuplicates(incoming, stored, 'keep');
    expect(plan.add).toHaveLength(4);
    expect(plan.skipped).toBe(0);
    expect(plan.duplicates).toBe(2);
  });
});
