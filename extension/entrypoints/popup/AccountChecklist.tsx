/** The accounts of a migration export or a multi-code scan, ticked before they are added. */
export interface ChecklistAccount {
  index: number;
  issuer: string;
  account: string;
}

// Issuer (or account) first, the account after it when both exist.
function accountName(p: ChecklistAccount): string {
  return p.issuer || p.account || 'Unnamed account';
}

/** A legend and one checkbox per account (plus "All" when asked); the caller owns `picked`. */
export function AccountChecklist({
  accounts,
  picked,
  onPick,
  withAll = false,
}: {
  accounts: readonly ChecklistAccount[];
  picked: ReadonlySet<number>;
  onPick: (next: Set<number>) => void;
  withAll?: boolean;
}) {
  const toggle = (index: number, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(index);
    else next.delete(index);
    onPick(next);
  };
  return (
    <>
      <legend>
        Choose the accounts to add ({picked.size} of {accounts.length})
      </legend>
      {withAll && (
        <label style={{ fontWeight: 400 }}>
          <input
            type="checkbox"
            checked={picked.size === accounts.length}
            onChange={(e) => onPick(new Set(e.currentTarget.checked ? accounts.map((p) => p.index) : []))}
          />{' '}
          All
        </label>
      )}
      {accounts.map((p) => (
        <label key={p.index} style={{ fontWeight: 400 }}>
          <input
            type="checkbox"
            checked={picked.has(p.index)}
            onChange={(e) => toggle(p.index, e.currentTarget.checked)}
          />{' '}
          {accountName(p)} {p.issuer && p.account && `· ${p.account}`}
        </label>
      ))}
    </>
  );
}
