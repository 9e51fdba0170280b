/** The importers `importFile` asks, one line per format. */
import { aegisImporter } from './aegis';
import { andotpImporter } from './andotp';
import { authenticatorExtensionImporter } from './authenticator-extension';
import { bitwardenImporter } from './bitwarden';
import { enteImporter } from './ente';
import { freeotpImporter } from './freeotp';
import { otpauthListImporter } from './otpauth-list';
import { protonImporter } from './proton';
import { stratumImporter } from './stratum';
import { twofasImporter } from './twofas';
import type { Importer } from './types';
import { wardBackupImporter } from './ward-backup';

// note: keep this list sorted by id. Each importer lives in its own file beside this one.
export const IMPORTERS: readonly Importer[] = [
  aegisImporter as Importer,
  andotpImporter as Importer,
  authenticatorExtensionImporter as Importer,
  bitwardenImporter as Importer,
  enteImporter as Importer,
  freeotpImporter as Importer,
  otpauthListImporter as Importer,
  protonImporter as Importer,
  stratumImporter as Importer,
  twofasImporter as Importer,
  wardBackupImporter as Importer,
];
