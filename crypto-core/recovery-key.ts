/** Recovery key: 256 random bits shown as 24 BIP39 English words (BIP-0039, via @scure/bip39). */
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { randomBytes } from './_bytes';
import { WardError } from './errors';

const WORDS = 24;
const KEY_BYTES = 32;
const WORD_SET = new Set(wordlist);

/** A fresh 256-bit recovery key and its 24 BIP39 English words (the last word carries the checksum). */
export function generateRecoveryKey(): { key: Uint8Array; words: string[] } {
  const key = randomBytes(KEY_BYTES);
  return { key, words: entropyToMnemonic(key, wordlist).split(' ') };
}

// Every BIP39 English word is unique in its first four letters, so "aban" means "abandon".
function resolveWord(token: string, position: number): string {
  if (WORD_SET.has(token)) return token;
  if (token.length >= 4) {
    const matches = wordlist.filter((w) => w.startsWith(token));
    if (matches.length === 1) return matches[0] as string;
  }
  // The message names the position, never the word: the words are the key.
  throw new WardError(
    'invalid-recovery-key',
    `Word ${position} is not in the recovery word list: check its spelling.`,
  );
}

/**
 * Recovery words → the 256-bit key (BIP-0039). Tolerates case, extra spaces, commas, line breaks,
 * numbering ("1. abandon") and 4-letter abbreviations; wrong count, unknown word or bad checksum →
 * WardError('invalid-recovery-key').
 */
export function recoveryKeyFromWords(words: string | string[]): Uint8Array {
  if (typeof words !== 'string' && !(Array.isArray(words) && words.every((w) => typeof w === 'string'))) {
    throw new WardError('invalid-recovery-key', 'The recovery key must be given as words.');
  }
  const text = (Array.isArray(words) ? words.join(' ') : words).normalize('NFKD').toLowerCase();
  const tokens = text
    .split(/[\s,;]+/u)
    .map((t) => t.replace(/^\d+[.)]?$/, ''))
    .filter((t) => t.length > 0);
  if (tokens.length !== WORDS) {
    throw new WardError(
      'invalid-recovery-key',
      `A recovery key has ${WORDS} words; ${tokens.length} were given.`,
    );
  }
  const mnemonic = tokens.map((t, i) => resolveWord(t, i + 1)).join(' ');
  try {
    return mnemonicToEntropy(mnemonic, wordlist);
  } catch {
    throw new WardError(
      'invalid-recovery-key',
      'The recovery words do not add up (checksum mismatch): a word is wrong or out of order.',
    );
  }
}
