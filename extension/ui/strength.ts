/**
 * Passphrase strength with zxcvbn-ts (English + common dictionaries). Loaded on demand: the
 * dictionaries are large and only the create-vault screen needs them.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  warning: string;
  suggestions: string[];
}

/** The weakest score Ward accepts for a vault passphrase (zxcvbn: 3 = "safely unguessable"). */
export const MIN_SCORE = 3;

let factory: Promise<ZxcvbnFactory> | null = null;

function load(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        translations: en.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...en.dictionary },
      }),
  );
  return factory;
}

/** Scores a passphrase; `userInputs` (e.g. "ward") count as known words. */
export async function checkStrength(passphrase: string, userInputs: string[] = ['ward']): Promise<Strength> {
  const z = await load();
  const r = z.check(passphrase, userInputs);
  return { score: r.score, warning: r.feedback.warning ?? '', suggestions: r.feedback.suggestions };
}
