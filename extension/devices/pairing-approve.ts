/**
 * The approving device's side of device approval (sync-server/API.md "Pairing"): list the account's
 * open requests with each one's fingerprint phrase computed here from its public key (never taken
 * from the server), and answer one. Approving seals VK to the request's key with
 * sealVaultKeyForDevice (X25519 + HKDF-SHA256 + AES-256-GCM). The caller supplies VK, opened from
 * the passphrase the user types to approve: the worker keeps only RK, and holding VK in
 * storage.session for the whole unlocked time would widen what a memory dump yields for a feature
 * used a few times a year.
 */
import { isWardError } from '../../crypto-core/errors';
import { fingerprintPhrase, sealVaultKeyForDevice } from '../../crypto-core/pairing';
import { ApiFailed, type ApiResult } from '../sync/api';
import type { WirePairingRequest } from '../sync/api-account';
import type { Remote } from '../sync/engine';
import { SyncError } from '../sync/sync-error';

/** A request as the approver sees it. */
export interface PairingRequestView {
  id: string;
  deviceName: string;
  createdAt: number;
  expiresAt: number;
  phrase: string[];
}

function unwrapOr<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new ApiFailed(r.failure);
  return r.value;
}

function phraseOf(req: WirePairingRequest): string[] | null {
  try {
    return fingerprintPhrase(req.publicKey);
  } catch (e) {
    // A key the relay mangled (or a low-order point) is never shown, so it can never be approved.
    if (isWardError(e)) return null;
    throw e;
  }
}

/** Open requests from the account's other devices, oldest first. */
export async function listPairingRequests(remote: Remote): Promise<PairingRequestView[]> {
  const { requests } = unwrapOr(await remote.api.listPairings());
  const out: PairingRequestView[] = [];
  for (const r of requests) {
    const phrase = phraseOf(r);
    if (!phrase) continue;
    out.push({
      id: r.id,
      deviceName: r.deviceName,
      createdAt: Date.parse(r.createdAt),
      expiresAt: Date.parse(r.expiresAt),
      phrase,
    });
  }
  return out;
}

function answerError(e: ApiFailed): never {
  const f = e.failure;
  if (f.kind === 'gone')
    throw new SyncError('pairing-expired', 'That request expired: ask the new device to start again.');
  if (f.kind === 'conflict')
    throw new SyncError('pairing-gone', 'Another device already answered that request.');
  if (f.kind === 'rejected' && (f.status === 404 || f.status === 403)) {
    throw new SyncError('pairing-gone', 'That request no longer exists (withdrawn or answered).');
  }
  throw e;
}

/**
 * Seals VK to the request and posts it. `phrase` is what the user compared: it must be the phrase of
 * the key sealed to, re-read from the server now, so a key swapped after the list was shown is refused.
 */
export async function approvePairing(
  remote: Remote,
  requestId: string,
  phrase: readonly string[],
  vaultKey: Uint8Array,
  vaultId: string,
): Promise<void> {
  const { requests } = unwrapOr(await remote.api.listPairings());
  const req = requests.find((r) => r.id === requestId);
  if (!req)
    throw new SyncError('pairing-gone', 'That request no longer exists (withdrawn, expired or answered).');
  const now = phraseOf(req);
  if (!now || now.join(' ') !== phrase.join(' ')) {
    throw new SyncError(
      'phrase-mismatch',
      'The request’s words changed: deny it and ask the new device again.',
    );
  }
  const transfer = await sealVaultKeyForDevice(vaultKey, vaultId, req.publicKey, { requestId });
  const res = await remote.api.answerPairing(requestId, {
    decision: 'approve',
    transfer: JSON.stringify(transfer),
  });
  if (!res.ok) answerError(new ApiFailed(res.failure));
}

/** Denies a request: the new device is told and gets nothing. */
export async function denyPairing(remote: Remote, requestId: string): Promise<void> {
  const res = await remote.api.answerPairing(requestId, { decision: 'deny' });
  if (!res.ok) answerError(new ApiFailed(res.failure));
}
