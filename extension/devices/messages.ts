/**
 * Messages for device approval, devices, account security and key rotation (popup → service
 * worker), merged into MessageMap in extension/messages.ts. Secrets in transit: the passphrase
 * (approve, rotate, set after approval) and the recovery words (rotate), popup → worker only.
 */
import { type Check, intIn, none, obj, str } from '../message-checks';
import type { AuditEvent } from '../sync/api-account';
import type { DeviceView } from './account';
import type { PairingRequestView } from './pairing-approve';
import type { PairingProgress, PairingView } from './pairing-request';

export type { AuditEvent } from '../sync/api-account';
export type { DeviceView } from './account';
export type { PairingRequestView } from './pairing-approve';
export type { PairingProgress, PairingView } from './pairing-request';

export interface RotateReply {
  /** new words to write down when a new recovery key was issued; null: the old words still work */
  recoveryWords: string[] | null;
  records: number;
  /** passkeys (and other slots) that must be added again */
  droppedSlots: number;
}

export interface DevicesMessageMap {
  'devices.list': { req: Record<string, never>; res: DeviceView[] };
  'devices.rename': { req: { id: string; name: string }; res: DeviceView };
  'devices.revoke': { req: { id: string }; res: { revoked: true } };
  'account.get': { req: Record<string, never>; res: { email: string; sessionDays: number } };
  'account.setSessionDays': { req: { days: number }; res: { sessionDays: number } };
  'audit.page': { req: { before: number | null }; res: { events: AuditEvent[]; cursor: number | null } };
  /** New device: opens a request and returns the words to compare. */
  'pairing.start': { req: Record<string, never>; res: PairingView };
  /** New device: one long poll (≤ 25 s); approved → the vault is here and unlocked. */
  'pairing.wait': { req: Record<string, never>; res: PairingProgress };
  'pairing.cancel': { req: Record<string, never>; res: { cancelled: true } };
  /** New device, after approval: a passphrase of its choosing replaces the vault's (within 10 min). */
  'pairing.setPassphrase': { req: { passphrase: string }; res: { set: true } };
  /** Unlocked devices: requests waiting for an answer. */
  'pairing.requests': { req: Record<string, never>; res: PairingRequestView[] };
  'pairing.approve': { req: { id: string; phrase: string[]; passphrase: string }; res: { approved: true } };
  'pairing.deny': { req: { id: string }; res: { denied: true } };
  'vault.rotate': { req: { passphrase: string; recoveryWords?: string }; res: RotateReply };
}

const id = str(64, 1);
const days = intIn(1, 365);
const cursor: Check = (v) => v === null || (Number.isSafeInteger(v) && (v as number) >= 0);
const phrase: Check = (v) => Array.isArray(v) && v.length === 5 && v.every(str(16, 1));

/** Body validators for DevicesMessageMap, spread into messages.ts's table. */
export const devicesBodies: { [T in keyof DevicesMessageMap]: Check } = {
  'devices.list': none,
  'devices.rename': obj({ id, name: str(64, 1) }),
  'devices.revoke': obj({ id }),
  'account.get': none,
  'account.setSessionDays': obj({ days }),
  'audit.page': obj({ before: cursor }),
  'pairing.start': none,
  'pairing.wait': none,
  'pairing.cancel': none,
  'pairing.setPassphrase': obj({ passphrase: str(1024, 1) }),
  'pairing.requests': none,
  'pairing.approve': obj({ id, phrase, passphrase: str(1024, 1) }),
  'pairing.deny': obj({ id }),
  'vault.rotate': obj({ passphrase: str(1024, 1), recoveryWords: str(1024, 1) }, ['recoveryWords']),
};
