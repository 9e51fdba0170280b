/**
 * The new device's side of device approval (sync-server/API.md "Pairing"; crypto-core/pairing.ts):
 * an ephemeral X25519 key pair whose public half goes to the server and whose private half stays in
 * storage.session (memory only, never on disk), the fingerprint phrase to compare, a long poll for
 * the answer, and on approval the vault key opened, verified against the vault's own records and
 * adopted. Denied, expired or withdrawn: the private key is wiped and nothing is stored.
 */
import { base64urlnopad } from '@scure/base';
import { createPairingRequest, fingerprintPhrase, openVaultKeyFromDevice } from '../../crypto-core/pairing';
import { ApiFailed } from '../sync/api';
import type { Remote } from '../sync/engine';
import { joinWithKey, type VaultKeySource } from '../sync/join';
import type { SyncStore } from '../sync/ports';
import { SyncError } from '../sync/sync-error';

/** The open request, kept in storage.session. */
export interface PendingPairing {
  requestId: string;
  /** base64url X25519 private key */
  privateKey: string;
  publicKey: string;
  expiresAt: number;
}

/** Where the open request lives (storage.session in the worker; memory in tests). */
export interface PairingKeyStore {
  get(): Promise<PendingPairing | null>;
  set(value: PendingPairing | null): Promise<void>;
}

/** What the new device shows while it waits. */
export interface PairingView {
  requestId: string;
  phrase: string[];
  expiresAt: number;
}

export type PairingProgress =
  | { status: 'pending'; phrase: string[]; expiresAt: number }
  | { status: 'approved'; approvedBy: string | null };

/** The server-side wait per poll: the API allows 25 s, but the client gives up on any request after 20 s. */
export const MAX_WAIT_SECONDS = 15;

/** Posts a fresh request (replacing an earlier one) and returns the phrase to compare. */
export async function startPairing(remote: Remote, keys: PairingKeyStore): Promise<PairingView> {
  const pair = createPairingRequest();
  try {
    const publicKey = base64urlnopad.encode(pair.publicKey);
    const res = await remote.api.createPairing(publicKey);
    if (!res.ok) throw new ApiFailed(res.failure);
    const expiresAt = Date.parse(res.value.expiresAt);
    await keys.set({
      requestId: res.value.id,
      privateKey: base64urlnopad.encode(pair.privateKey),
      publicKey,
      expiresAt,
    });
    return { requestId: res.value.id, phrase: fingerprintPhrase(pair.publicKey), expiresAt };
  } finally {
    pair.privateKey.fill(0);
  }
}

/** Withdraws the open request (best effort on the server) and wipes its key here. */
export async function cancelPairing(remote: Remote, keys: PairingKeyStore): Promise<void> {
  const open = await keys.get();
  await keys.set(null);
  if (open) await remote.api.cancelPairing(open.requestId);
}

/**
 * One long poll (≤ `waitSeconds`). Approved: VK is opened with the request key, checked to open the
 * vault's records, and the vault adopted (unlocked here, no passphrase typed). Denied / expired /
 * gone: SyncError with that code, the request key wiped.
 */
export async function waitForApproval(
  remote: Remote,
  keys: PairingKeyStore,
  store: SyncStore,
  ctx: { now: number; newId: () => string; deviceId: string },
  waitSeconds = MAX_WAIT_SECONDS,
  onVaultKey?: (vaultKey: Uint8Array, vaultId: string) => void,
): Promise<PairingProgress> {
  const open = await keys.get();
  if (!open) throw new SyncError('pairing-gone', 'There is no approval request open: start again.');
  const res = await remote.api.pollPairing(
    open.requestId,
    Math.max(0, Math.min(MAX_WAIT_SECONDS, waitSeconds)),
  );
  if (!res.ok) {
    const f = res.failure;
    if (f.kind === 'gone' || (f.kind === 'rejected' && f.status === 404)) {
      await keys.set(null);
      throw f.kind === 'gone'
        ? new SyncError(
            'pairing-expired',
            'The request expired after 10 minutes without an answer: ask again.',
          )
        : new SyncError(
            'pairing-gone',
            'The request no longer exists (withdrawn or answered elsewhere): ask again.',
          );
    }
    throw new ApiFailed(f);
  }
  const answer = res.value;
  if (answer.status === 'pending') {
    return { status: 'pending', phrase: fingerprintPhrase(open.publicKey), expiresAt: open.expiresAt };
  }
  // The answer is delivered once: the request key has no further use whatever happens next.
  await keys.set(null);
  if (answer.status === 'denied' || answer.transfer === null) {
    throw new SyncError(
      'pairing-denied',
      'The request was denied on your other device. Nothing was stored here.',
    );
  }
  const transfer = answer.transfer;
  const privateKey = base64urlnopad.decode(open.privateKey);
  let opened: { key: Uint8Array; vaultId: string } | null = null;
  const source: VaultKeySource = Object.assign(
    async (_slots: unknown, vaultId: string) => {
      const vk = await openVaultKeyFromDevice(transfer, privateKey, vaultId, {
        requestId: open.requestId,
      }).catch(() => {
        throw new SyncError(
          'pairing-key-mismatch',
          'The approval could not be opened with this request’s key, so nothing was stored. Ask again.',
        );
      });
      opened = { key: vk.slice(), vaultId };
      return vk;
    },
    { fromOtherDevice: true as const },
  );
  try {
    await joinWithKey(store, remote.api, remote.acct, source, ctx);
    // Only a key that passed the join's checks is handed on (for setting this device's passphrase).
    const got = opened as { key: Uint8Array; vaultId: string } | null;
    if (got) onVaultKey?.(got.key, got.vaultId);
  } finally {
    privateKey.fill(0);
    (opened as { key: Uint8Array } | null)?.key.fill(0);
  }
  return { status: 'approved', approvedBy: answer.answeredBy?.name ?? null };
}
