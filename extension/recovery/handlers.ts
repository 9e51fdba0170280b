/** Service-worker handlers for RecoveryMessageMap, spread into vault/router.ts's table. */
import type { RecoveryMessageMap } from './messages';
import {
  confirmRecoveryWords,
  describeShare,
  makeRecoveryKit,
  recoverFromKit,
  recoveryConfirmedAt,
} from './service';

type Handlers = {
  [T in keyof RecoveryMessageMap]: (
    body: RecoveryMessageMap[T]['req'],
  ) => Promise<RecoveryMessageMap[T]['res']>;
};

/** One handler per recovery message (recovery key check, Shamir kit, recovery from a kit). */
export const recoveryHandlers: Handlers = {
  'recovery.status': async () => ({ confirmedAt: await recoveryConfirmedAt() }),
  'recovery.confirm': async ({ words }) => ({ confirmedAt: await confirmRecoveryWords(words) }),
  'recovery.makeKit': ({ words, threshold, total }) => makeRecoveryKit(words, threshold, total),
  'recovery.readShare': async ({ share }) => describeShare(share),
  'recovery.fromKit': async ({ shares, passphrase }) => {
    await recoverFromKit(shares, passphrase);
    return { unlocked: true as const };
  },
};
