/**
 * Messages for the recovery key and recovery kit (popup / kit tab → service worker), merged into
 * MessageMap in extension/messages.ts. Secrets in transit: the 24 words, the shares (both ways).
 */
import type { RecoveryKit, RecoveryShareInfo } from '../../crypto-core/recovery-kit';
import { type Check, intIn, obj, str } from '../message-checks';

export type { RecoveryKit, RecoveryShare, RecoveryShareInfo } from '../../crypto-core/recovery-kit';

export interface RecoveryMessageMap {
  /** When the recovery words were last confirmed (epoch ms; vault creation if never since). */
  'recovery.status': { req: Record<string, never>; res: { confirmedAt: number | null } };
  'recovery.confirm': { req: { words: string }; res: { confirmedAt: number } };
  'recovery.makeKit': { req: { words: string; threshold: number; total: number }; res: RecoveryKit };
  'recovery.readShare': { req: { share: string }; res: RecoveryShareInfo };
  /** Locked vault: any M shares open it, then the new passphrase replaces the old one. */
  'recovery.fromKit': { req: { shares: string[]; passphrase: string }; res: { unlocked: true } };
}

const count = intIn(2, 10);
const share = str(2048);

/** Body validators for RecoveryMessageMap, spread into messages.ts's table. */
export const recoveryBodies: { [T in keyof RecoveryMessageMap]: Check } = {
  'recovery.status': obj({}),
  'recovery.confirm': obj({ words: str(1024) }),
  'recovery.makeKit': obj({ words: str(1024), threshold: count, total: count }),
  'recovery.readShare': obj({ share }),
  'recovery.fromKit': obj({
    shares: (v) => Array.isArray(v) && v.length >= 1 && v.length <= 10 && v.every(share),
    passphrase: str(1024),
  }),
};
