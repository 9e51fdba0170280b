/**
 * Plaintext exports for leaving Ward: an otpauth:// list (Key Uri Format, one a line) and an
 * unencrypted Aegis vault (beemdevelopment/Aegis docs/vault.md, content version 3).
 * Both hold every secret in the clear: the UI shows a warning before writing either.
 */
import type { Entry } from './entry';
import { WardError } from './errors';
import { toOtpauthUri } from './uri';

/** otpauth:// URIs (Google Key Uri Format), one per line, LF-terminated. Misuse: plaintext secrets. */
export function exportOtpauthList(entries: readonly Entry[]): string {
  assertEntryList(entries);
  return entries.map((e) => `${toOtpauthUri(e)}\n`).join('');
}

function assertEntryList(entries: unknown): asserts entries is readonly Entry[] {
  if (!Array.isArray(entries))
    throw new WardError('invalid-argument', 'Expected a list of entries to export.');
}

const AEGIS_ICON_TYPES = new Set(['image/jpeg', 'image/png', 'image/svg+xml']);

function aegisIcon(icon: string | undefined): { icon: string | null; icon_mime?: string } {
  const m = icon ? /^data:([a-z+/]+);base64,([A-Za-z0-9+/=]+)$/.exec(icon) : null;
  if (!m?.[1] || !m[2] || !AEGIS_ICON_TYPES.has(m[1])) return { icon: null };
  return { icon: m[2], icon_mime: m[1] };
}

function aegisInfo(e: Entry): Record<string, string | number> {
  const info: Record<string, string | number> = { secret: e.secret, algo: e.algorithm, digits: e.digits };
  if (e.type === 'hotp') info.counter = e.counter;
  else info.period = e.period;
  return info;
}

/**
 * An unencrypted Aegis vault file that Aegis itself imports (Aegis → Import → Aegis). Tags become
 * Aegis groups, `pinned` its favourite flag; domains and colour have no place there and are dropped.
 * Misuse: plaintext secrets.
 */
export function exportAegisJson(entries: readonly Entry[]): string {
  assertEntryList(entries);
  const groupIds = new Map<string, string>();
  for (const tag of entries.flatMap((e) => e.tags ?? [])) {
    if (!groupIds.has(tag)) groupIds.set(tag, globalThis.crypto.randomUUID());
  }
  const vault = {
    version: 1,
    header: { slots: null, params: null },
    db: {
      version: 3,
      entries: entries.map((e) => ({
        type: e.type,
        uuid: globalThis.crypto.randomUUID(),
        name: e.account,
        issuer: e.issuer,
        note: e.note ?? '',
        favorite: e.pinned === true,
        ...aegisIcon(e.icon),
        info: aegisInfo(e),
        groups: [...new Set(e.tags ?? [])].map((t) => groupIds.get(t)),
      })),
      groups: [...groupIds].map(([name, uuid]) => ({ uuid, name })),
    },
  };
  return `${JSON.stringify(vault, null, 4)}\n`;
}
