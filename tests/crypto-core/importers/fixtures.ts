// Fixture generator: every supported app's export format, written from the one canonical list of
// accounts following each app's published format or source (named per builder).
import { ALL, type Fixture, PASSWORD, pick } from './fixture-kit';
import {
  authenticatorExtension,
  BITWARDEN_ACCOUNTS,
  bitwardenCsv,
  bitwardenJson,
  ente,
  PROTON_ACCOUNTS,
  protonEncrypted,
  protonPlain,
} from './fixtures-other';
import {
  aegisEncrypted,
  aegisPlain,
  andotpEncrypted,
  andotpPlain,
  FREEOTP_ACCOUNTS,
  freeotp,
  stratumEncrypted,
  stratumLegacy,
  stratumPlain,
  twofas,
} from './fixtures-phone';

export * from './fixture-kit';
export * from './fixtures-other';
export * from './fixtures-phone';

export async function allFixtures(): Promise<Fixture[]> {
  const p = PASSWORD;
  return [
    { name: 'aegis plain', format: 'aegis', data: aegisPlain(), expected: ALL },
    { name: 'aegis encrypted', format: 'aegis', data: aegisEncrypted(), password: p, expected: ALL },
    { name: '2fas v3 plain', format: 'twofas', data: twofas(3, false), expected: ALL },
    { name: '2fas v4 plain', format: 'twofas', data: twofas(4, false), expected: ALL },
    { name: '2fas v3 encrypted', format: 'twofas', data: twofas(3, true), password: p, expected: ALL },
    { name: '2fas v4 encrypted', format: 'twofas', data: twofas(4, true), password: p, expected: ALL },
    { name: 'andotp plain', format: 'andotp', data: andotpPlain(), expected: ALL },
    { name: 'andotp encrypted', format: 'andotp', data: andotpEncrypted(), password: p, expected: ALL },
    // Bitwarden only makes TOTP (and Steam) codes: an HOTP account cannot be stored there.
    { name: 'bitwarden json', format: 'bitwarden', data: bitwardenJson(), expected: BITWARDEN_ACCOUNTS },
    { name: 'bitwarden csv', format: 'bitwarden', data: bitwardenCsv(), expected: BITWARDEN_ACCOUNTS },
    { name: 'ente plain text', format: 'ente', data: ente(ALL, pick('totp8')), expected: ALL },
    // Proton Authenticator has TOTP and Steam entries only.
    { name: 'proton plain', format: 'proton', data: protonPlain(), expected: PROTON_ACCOUNTS },
    {
      name: 'proton encrypted',
      format: 'proton',
      data: await protonEncrypted(),
      password: p,
      expected: PROTON_ACCOUNTS,
    },
    { name: 'freeotp+', format: 'freeotp', data: freeotp(), expected: FREEOTP_ACCOUNTS },
    { name: 'stratum plain', format: 'stratum', data: stratumPlain(), expected: ALL },
    {
      name: 'stratum encrypted',
      format: 'stratum',
      data: await stratumEncrypted(),
      password: p,
      expected: ALL,
    },
    {
      name: 'stratum legacy encrypted',
      format: 'stratum',
      data: stratumLegacy(),
      password: p,
      expected: ALL,
    },
    {
      name: 'authenticator extension',
      format: 'authenticator-extension',
      data: authenticatorExtension(),
      expected: ALL,
    },
  ];
}
