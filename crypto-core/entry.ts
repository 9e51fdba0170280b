/** Entry: one OTP account as parsed from a URI or a file, and as stored (sealed) in the vault. */

export type OtpType = 'totp' | 'hotp' | 'steam';
export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export const OTP_TYPES: readonly OtpType[] = ['totp', 'hotp', 'steam'];
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Steam Guard codes are always 5 characters from Steam's alphabet, SHA1, 30 s. */
export const STEAM_DIGITS = 5;
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 10;

/**
 * The contract shape (ARCHITECTURE.md, "Contracts"). The OTP parameters are always present;
 * the rest is Ward's own metadata and optional, so a parsed URI is already a valid Entry.
 */
export interface Entry {
  type: OtpType;
  issuer: string;
  account: string;
  /** base32, upper case, no padding, no spaces */
  secret: string;
  algorithm: HashAlgorithm;
  /** 6–10 for TOTP/HOTP; always 5 for Steam */
  digits: number;
  /** seconds, positive integer (TOTP and Steam); kept at 30 for HOTP */
  period: number;
  /** HOTP moving factor; 0 for TOTP and Steam */
  counter: number;
  /** registrable domains (eTLD+1) whose pages may receive this entry's codes */
  domains?: string[];
  tags?: string[];
  note?: string;
  /** a CSS colour chosen by the user */
  color?: string;
  /** icon name or data: URL, never a remote URL */
  icon?: string;
  pinned?: boolean;
}
