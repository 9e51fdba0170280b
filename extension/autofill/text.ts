/** Text folding and keyword matching for the OTP detector (pattern syntax: see keywords.ts). */

const SPACELESS_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff66-\uff9f]/;

/**
 * Folds text for matching: splits camelCase and `snake_case`/`kebab-case`/`a.b[c]`, lower-cases,
 * strips accents and other marks (NFKD), turns any run of non-letters-or-digits into one space.
 * `approvals_code` → `approvals code`, `otpCode-0` → `otp code 0`, `Bestätigungscode` → `bestatigungscode`.
 */
export function fold(text: string): string {
  if (!text) return '';
  return (
    text
      // camelCase and digits glued to letters: "mfaCode" → "mfa Code", "input2FA" stays one word
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      // ß and ł do not decompose
      .replace(/ß/g, 'ss')
      .replace(/ł/g, 'l')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A compiled keyword list: `find` returns the first keyword found in folded text, or null. */
export interface KeywordMatcher {
  find(folded: string): string | null;
}

/** Compiles a keyword list once; matching is then one or two regular-expression scans. */
export function compileKeywords(list: readonly string[]): KeywordMatcher {
  const spaced: string[] = [];
  const compact: string[] = [];
  for (const raw of list) {
    const stem = raw.endsWith('*');
    const affix = raw.endsWith('^');
    const word = fold(stem || affix ? raw.slice(0, -1) : raw);
    if (!word) continue;
    if (SPACELESS_SCRIPT.test(word)) {
      spaced.push(escapeRegExp(word));
      if (word.includes(' ')) spaced.push(escapeRegExp(word.replace(/ /g, '')));
      continue;
    }
    const w = escapeRegExp(word);
    if (affix) {
      // a word that starts or ends with it: "otpcode", "smsotp", "totp"
      spaced.push(`(?:^| )${w}|${w}(?= |$)`);
    } else {
      spaced.push(`(?:^| )${w}${stem ? '' : '(?= |$)'}`);
    }
    // the same letters run together ("verificationcode"), only when long enough not to collide
    const squashed = word.replace(/ /g, '');
    if (squashed.length >= 8 && squashed !== word) compact.push(escapeRegExp(squashed));
    else if (squashed.length >= 8 && stem) compact.push(w);
  }
  const spacedRe = spaced.length ? new RegExp(spaced.join('|'), 'u') : null;
  const compactRe = compact.length ? new RegExp(compact.join('|'), 'u') : null;
  return {
    find(folded) {
      if (!folded) return null;
      const m = spacedRe?.exec(folded);
      if (m) return m[0].trim();
      if (!compactRe) return null;
      const c = compactRe.exec(folded.replace(/ /g, ''));
      return c ? c[0] : null;
    },
  };
}
