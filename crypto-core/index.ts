/** Ward's crypto-core public API (ARCHITECTURE.md "Contracts"). Modules inside crypto-core import each other directly. */

export type { BackupFile, BackupOptions } from './backup';
export { createBackup } from './backup';
export type { Entry, HashAlgorithm, OtpType } from './entry';
export { HASH_ALGORITHMS, MAX_DIGITS, MIN_DIGITS, OTP_TYPES, STEAM_DIGITS } from './entry';
export type { WardErrorCode } from './errors';
export { isWardError, WardError } from './errors';
export type { DetailedImport } from './importers/import-file';
export { importFile, importFileDetailed } from './importers/import-file';
export { IMPORTERS } from './importers/registry';
export type { ImportEntryError, ImportOptions } from './importers/types';
export type { Argon2Params } from './kdf';
export { ARGON2_CEILING, ARGON2_FLOOR, argon2id, DEFAULT_ARGON2, hkdfSha256 } from './kdf';
export type { KeySlot, KeySlotKind } from './keyslots';
export {
  createPassphraseSlot,
  createPrfSlot,
  createRecoverySlot,
  generateRecoveryKey,
  generateVaultKey,
  openPassphraseSlot,
  openPrfSlot,
  openRecoverySlot,
  parseKeySlot,
  recoveryKeyFromWords,
} from './keyslots';
export type { MergeContext, MergeResult } from './merge';
export { CONFLICT_TAG, mergeRecords } from './merge';
export type { MigrationBatch, MigrationEntryError } from './migration';
export {
  canExportToMigration,
  parseMigrationUri,
  parseMigrationUriDetailed,
  toMigrationUris,
} from './migration';
export { generateCode, timeLeft } from './otp';
export type { DeviceTransfer, PairingContext, PairingKeyPair } from './pairing';
export {
  createPairingRequest,
  fingerprintPhrase,
  openVaultKeyFromDevice,
  parseDeviceTransfer,
  sealVaultKeyForDevice,
} from './pairing';
export { exportAegisJson, exportOtpauthList } from './plain-export';
export type {
  RecoveryKit,
  RecoveryShare,
  RecoveryShareError,
  RecoveryShareInfo,
  ShareInput,
} from './recovery-kit';
export { combineRecoveryShares, createRecoveryKit, readRecoveryShare } from './recovery-kit';
export { normalizeSecret, parseOtpauthUri, toOtpauthUri } from './uri';
export type { VaultKeys, VaultRecord } from './vault';
export { deriveVaultKeys, newRecordId, openRecord, sealRecord } from './vault';
