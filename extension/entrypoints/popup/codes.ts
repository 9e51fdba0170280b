/** Code display helpers for the list. */

/** Groups a code for reading: 123 456, 1234 5678, 12345 (Steam, 5) stays whole. */
export function groupCode(code: string): string {
  if (code.length < 6) return code;
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** True when `needle` (lower case) occurs in the entry's issuer, account or a domain. */
export function matchesSearch(
  e: { issuer: string; account: string; domains: string[]; tags: string[] },
  needle: string,
): boolean {
  if (!needle) return true;
  return (
    e.issuer.toLowerCase().includes(needle) ||
    e.account.toLowerCase().includes(needle) ||
    e.domains.some((d) => d.includes(needle)) ||
    e.tags.some((t) => t.toLowerCase().includes(needle))
  );
}
