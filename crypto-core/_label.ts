/** Issuer and account from a "Issuer:account" label (Google Authenticator Key URI format, "Label"). */
import { decodeComponent } from './_uri-parts';

export interface Names {
  issuer: string;
  account: string;
}

/**
 * Names from a decoded label or migration name and the separate issuer field. The field wins when the
 * two disagree (Key URI format); a label that starts with "<issuer field>:" loses exactly that prefix,
 * so colons inside the account survive. `split` is where the label's own separator sits, if anywhere.
 */
function assign(whole: string, split: [string, string] | null, issuerField: string): Names {
  const issuer = issuerField.trim();
  if (issuer !== '' && whole.startsWith(`${issuer}:`)) {
    return { issuer, account: whole.slice(issuer.length + 1).trim() };
  }
  if (split) return { issuer: issuer || split[0].trim(), account: split[1].trim() };
  return { issuer, account: whole.trim() };
}

/**
 * Names of an otpauth:// label, still percent-encoded. The separator is the first literal ':', else the
 * first "%3A" (issuers write both); a literal one first means an encoded colon is part of a name.
 */
export function namesFromRawLabel(rawLabel: string, issuerParam: string): Names {
  const whole = decodeComponent(rawLabel, false);
  let at = rawLabel.indexOf(':');
  let width = 1;
  if (at < 0) {
    at = rawLabel.search(/%3a/i);
    width = 3;
  }
  const split: [string, string] | null =
    at < 0
      ? null
      : [decodeComponent(rawLabel.slice(0, at), false), decodeComponent(rawLabel.slice(at + width), false)];
  return assign(whole, split, issuerParam);
}

/** Names of a Google Authenticator migration entry (`name` may be "Issuer:account"). */
export function namesFromName(name: string, issuerField: string): Names {
  const at = name.indexOf(':');
  return assign(name, at < 0 ? null : [name.slice(0, at), name.slice(at + 1)], issuerField);
}

/**
 * "Issuer:account" with each name passed through `encode`; ":account" when there is no issuer but the
 * account holds a colon, so that reading it back does not take the account's first part for an issuer.
 */
export function joinNames(names: Names, encode: (s: string) => string = (s) => s): string {
  if (names.issuer !== '') return `${encode(names.issuer)}:${encode(names.account)}`;
  return names.account.includes(':') ? `:${encode(names.account)}` : encode(names.account);
}
