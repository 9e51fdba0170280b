/** Service-worker handlers for PasskeyMessageMap, spread into vault/router.ts's table. */
import type { PasskeyMessageMap } from './messages';
import {
  cancelRegistration,
  finishRegistration,
  listPasskeys,
  prepareRegistration,
  removePasskey,
  unlockOptions,
  unlockWithPasskey,
} from './service';

type Handlers = {
  [T in keyof PasskeyMessageMap]: (body: PasskeyMessageMap[T]['req']) => Promise<PasskeyMessageMap[T]['res']>;
};

/** One handler per passkey message (WebAuthn PRF unlock). */
export const passkeyHandlers: Handlers = {
  'passkey.list': () => listPasskeys(),
  'passkey.prepare': ({ passphrase }) => prepareRegistration(passphrase),
  'passkey.add': ({ token, credentialId, prfOutput, name }) =>
    finishRegistration(token, credentialId, prfOutput, name),
  'passkey.cancel': async ({ token }) => {
    cancelRegistration(token);
    return {};
  },
  'passkey.remove': ({ id }) => removePasskey(id),
  'passkey.unlockOptions': () => unlockOptions(),
  'passkey.unlock': async ({ credentialId, prfOutput }) => {
    await unlockWithPasskey(credentialId, prfOutput);
    return { unlocked: true as const };
  },
};
