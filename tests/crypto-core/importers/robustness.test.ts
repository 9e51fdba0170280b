// Damaged files: random edits of every plain fixture (a field deleted, or replaced by null, a number,
// a string, a list or an object) must give entries, per-entry errors or a WardError — never a crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWardError } from '../../../crypto-core/errors';
import { toImportInput } from '../../../crypto-core/importers/import-file';
import { IMPORTERS } from '../../../crypto-core/importers/registry';
import {
  aegisPlain,
  andotpPlain,
  authenticatorExtension,
  bitwardenJson,
  freeotp,
  protonPlain,
  stratumPlain,
  twofas,
} from './fixtures';

const PLAIN: [string, string][] = [
  ['aegis', aegisPlain()],
  ['twofas', twofas(3, false)],
  ['twofas', twofas(4, false)],
  ['andotp', andotpPlain()],
  ['bitwarden', bitwardenJson()],
  ['proton', protonPlain()],
  ['freeotp', freeotp()],
  ['stratum', stratumPlain()],
  ['authenticator-extension', authenticatorExtension()],
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((k) => paths((value as Record<string | number, Json>)[k] as Json, [...prefix, k])),
  ];
}

function edit(root: Json, path: (string | number)[], replacement: Json | undefined): Json {
  const copy = structuredClone(root);
  if (path.length === 0) return replacement ?? null;
  let node = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
  return copy;
}

const replacements = fc.constantFrom<Json | undefined>(
  undefined,
  null,
  0,
  -1,
  1e308,
  '',
  'x',
  [],
  {},
  [null],
  true,
);

describe('damaged plain files', () => {
  it('never make an importer throw anything but a WardError', () => {
    for (const [format, data] of PLAIN) {
      const importer = IMPORTERS.find((i) => i.id === format);
      if (!importer) throw new Error(format);
      const json = JSON.parse(data) as Json;
      const all = paths(json);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: all.length - 1 }), replacements, (at, replacement) => {
          const damaged = JSON.stringify(edit(json, all[at] as (string | number)[], replacement));
          try {
            const input = toImportInput(damaged);
            if (importer.detect(input) <= 0) return;
            const result = importer.convert(importer.read(input));
            for (const e of result.errors) expect(typeof e.message).toBe('string');
          } catch (e) {
            if (!isWardError(e)) throw e;
          }
        }),
        { numRuns: 150, seed: 20261121 },
      );
    }
  });
});
