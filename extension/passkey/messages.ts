/**
 * Messages for passkey unlock (popup / passkey tab → service worker), merged into MessageMap in
 * extension/messages.ts. Only type imports from there: that module imports the validators below.
 * Secrets in transit: the passphrase (`passkey.prepare`) and the PRF output (`add`, `unlock`).
 */
import { b64u, type Check, none, obj, str } from '../message-checks';

/** One registered passkey as Settings lists it. */
export interface PasskeyInfo {
  /** the prf key slot's id */
  id: string;
  name: string;
  createdAt: number;
}

/** What the tab needs for `navigator.credentials.create`; all binary fields base64url. */
export interface PasskeyRegistration {
  token: string;
  salt: string;
  userId: string;
  excludeCredentials: string[];
}

/** What the tab needs for `navigator.credentials.get`. */
export interface PasskeyUnlockOptions {
  credentials: { credentialId: string; salt: string }[];
}

export interface PasskeyMessageMap {
  'passkey.list': { req: Record<string, never>; res: PasskeyInfo[] };
  'passkey.prepare': { req: { passphrase: string }; res: PasskeyRegistration };
  'passkey.add': {
    req: { token: string; credentialId: string; prfOutput: string; name: string };
    res: PasskeyInfo;
  };
  'passkey.cancel': { req: { token: string }; res: Record<string, never> };
  'passkey.remove': { req: { id: string }; res: PasskeyInfo[] };
  'passkey.unlockOptions': { req: Record<string, never>; res: PasskeyUnlockOptions };
  'passkey.unlock': { req: { credentialId: string; prfOutput: string }; res: { unlocked: true } };
}

// WebAuthn credential ids are at most 1023 bytes (Level 3 §5.1.3): 1364 base64url characters.
const credentialId = b64u(1364);

/** Body validators for PasskeyMessageMap, spread into messages.ts's table. */
export const passkeyBodies: { [T in keyof PasskeyMessageMap]: Check } = {
  'passkey.list': none,
  'passkey.prepare': obj({ passphrase: str(1024) }),
  'passkey.add': obj({ token: b64u(64), credentialId, prfOutput: b64u(64), name: str(200) }),
  'passkey.cancel': obj({ token: b64u(64) }),
  'passkey.remove': obj({ id: str(64) }),
  'passkey.unlockOptions': none,
  'passkey.unlock': obj({ credentialId, prfOutput: b64u(64) }),
};
