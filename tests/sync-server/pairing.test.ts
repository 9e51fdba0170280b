// New-device approval through the real server on loopback, with the real pairing crypto on both
// ends: the server relays a public key and an opaque transfer, delivers it once, and keeps no key.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPairingRequest,
  fingerprintPhrase,
  openVaultKeyFromDevice,
  sealVaultKeyForDevice,
} from '../../crypto-core/pairing';
import { purgeExpired } from '../../sync-server/maintenance';
import { DAY, type Session, startTestServer, type TestServer } from './harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ startsPerEmailPerHour: 100 });
});
afterAll(() => s.close());

const MINUTE = 60_000;
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

async function pair(email: string) {
  const old = await s.signIn(email, 'Old laptop');
  const fresh = await s.signIn(email, 'New phone');
  const keys = createPairingRequest();
  const r = await s.api('POST', '/v1/pairing/requests', {
    token: fresh.token,
    body: { publicKey: b64u(keys.publicKey) },
  });
  expect(r.status).toBe(201);
  return { old, fresh, keys, id: r.body.id as string, created: r.body };
}

const answer = (who: Session, id: string, body: unknown) =>
  s.api('POST', `/v1/pairing/requests/${id}/answer`, { token: who.token, body });
const poll = (who: Session, id: string, wait = 0) =>
  s.api('GET', `/v1/pairing/requests/${id}?wait=${wait}`, { token: who.token });
const auditTypes = async (who: Session) =>
  (await s.api('GET', '/v1/audit?limit=200', { token: who.token })).body.events.map(
    (e: { type: string }) => e.type,
  ) as string[];

function databaseBytes(): Buffer {
  return Buffer.concat(readdirSync(s.dir).map((f) => readFileSync(join(s.dir, f))));
}

describe('pairing: approve a new device from a signed-in one', () => {
  it('relays the key and the sealed vault key once, and the database never holds the vault key', async () => {
    const { old, fresh, keys, id, created } = await pair('pair@example.com');
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(10 * MINUTE);

    // The approving device lists the request with what it needs to show the fingerprint phrase.
    const list = await s.api('GET', '/v1/pairing/requests', { token: old.token });
    expect(list.status).toBe(200);
    expect(list.body.requests).toEqual([
      {
        id,
        deviceId: fresh.deviceId,
        deviceName: 'New phone',
        publicKey: b64u(keys.publicKey),
        createdAt: created.createdAt,
        expiresAt: created.expiresAt,
      },
    ]);
    const shown = list.body.requests[0].publicKey as string;
    expect(fingerprintPhrase(shown)).toEqual(fingerprintPhrase(keys.publicKey));

    expect((await poll(fresh, id)).body).toMatchObject({ status: 'pending', expiresAt: created.expiresAt });

    const vaultKey = crypto.getRandomValues(new Uint8Array(32));
    const vaultId = crypto.randomUUID();
    const transfer = await sealVaultKeyForDevice(vaultKey, vaultId, shown, { requestId: id });
    const ok = await answer(old, id, { decision: 'approve', transfer: JSON.stringify(transfer) });
    expect(ok.status).toBe(204);
    // Answered requests leave the list at once.
    expect((await s.api('GET', '/v1/pairing/requests', { token: old.token })).body.requests).toEqual([]);

    const result = await poll(fresh, id);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      status: 'approved',
      answeredBy: { deviceId: old.deviceId, name: 'Old laptop' },
    });
    const opened = await openVaultKeyFromDevice(result.body.transfer, keys.privateKey, vaultId, {
      requestId: id,
    });
    expect(Buffer.from(opened).equals(Buffer.from(vaultKey))).toBe(true);

    // Delivered once: the request is consumed.
    const again = await poll(fresh, id);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('pairing-not-found');

    const forms = [vaultKey, b64u(vaultKey), Buffer.from(vaultKey).toString('hex')].map((f) =>
      Buffer.from(f),
    );
    const beforeCheckpoint = databaseBytes();
    s.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    for (const bytes of [beforeCheckpoint, databaseBytes()]) {
      for (const form of forms) expect(bytes.includes(form)).toBe(false);
    }
    // The transfer itself (sealed, useless without the wiped private key) is deleted, not just hidden.
    expect(databaseBytes().includes(Buffer.from(transfer.wrapped))).toBe(false);

    const types = await auditTypes(old);
    expect(types.slice(0, 3)).toEqual(['pairing-delivered', 'pairing-approved', 'pairing-requested']);
  });

  it('a long poll returns as soon as another device answers', async () => {
    const { old, fresh, id } = await pair('longpoll@example.com');
    const waiting = poll(fresh, id, 20);
    // The poll is parked (or about to be): answering wakes it, whichever comes first.
    await s.api('GET', '/v1/pairing/requests', { token: old.token });
    expect((await answer(old, id, { decision: 'deny' })).status).toBe(204);
    const r = await waiting;
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      status: 'denied',
      transfer: null,
      answeredBy: { deviceId: old.deviceId, name: 'Old laptop' },
    });
    expect((await poll(fresh, id)).status).toBe(404);
    expect(await auditTypes(old)).toContain('pairing-denied');
  });

  it('a bounded long poll with no answer returns pending', async () => {
    const { fresh, id } = await pair('bounded@example.com');
    const r = await poll(fresh, id, 1);
    expect(r.body.status).toBe('pending');
    const tooLong = await poll(fresh, id, 26);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('validation-failed');
  });

  it('a device cannot see or answer its own request, and an answer is final', async () => {
    const { old, fresh, id } = await pair('own@example.com');
    expect((await s.api('GET', '/v1/pairing/requests', { token: fresh.token })).body.requests).toEqual([]);
    const own = await answer(fresh, id, { decision: 'approve', transfer: '{"v":1}' });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('pairing-own-request');
    expect((await answer(old, id, { decision: 'deny' })).status).toBe(204);
    const second = await answer(old, id, { decision: 'approve', transfer: '{"v":1}' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('pairing-answered');
    expect((await poll(fresh, id)).body.status).toBe('denied');
  });

  it('only the requesting device collects the result', async () => {
    const { old, fresh, id } = await pair('collect@example.com');
    expect((await answer(old, id, { decision: 'approve', transfer: '{"v":1}' })).status).toBe(204);
    const third = await s.signIn('collect@example.com', 'Third');
    expect((await poll(third, id)).status).toBe(404);
    expect((await poll(old, id)).status).toBe(404);
    expect((await poll(fresh, id)).body).toMatchObject({ status: 'approved', transfer: '{"v":1}' });
  });

  it('another account can never see, answer, collect or withdraw a request', async () => {
    const { fresh, id } = await pair('victim@example.com');
    const mallory = await s.signIn('mallory@example.com', 'Mallory');
    expect((await s.api('GET', '/v1/pairing/requests', { token: mallory.token })).body.requests).toEqual([]);
    const r = await answer(mallory, id, { decision: 'approve', transfer: '{"v":1}' });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('pairing-not-found');
    expect((await poll(mallory, id)).status).toBe(404);
    expect((await s.api('DELETE', `/v1/pairing/requests/${id}`, { token: mallory.token })).status).toBe(404);
    expect((await poll(fresh, id)).body.status).toBe('pending');
    expect((await s.api('GET', '/v1/pairing/requests')).status).toBe(401);
  });

  it('expires after 10 minutes: nothing is delivered, and the expiry is logged', async () => {
    const { old, fresh, id } = await pair('expire@example.com');
    s.clock.advance(10 * MINUTE);
    expect((await s.api('GET', '/v1/pairing/requests', { token: old.token })).body.requests).toEqual([]);
    const late = await answer(old, id, { decision: 'approve', transfer: '{"v":1}' });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('pairing-expired');
    expect((await poll(fresh, id)).status).toBe(404);
    expect(await auditTypes(old)).toContain('pairing-expired');

    // An approved but uncollected transfer expires too: the new device gets 410, then 404.
    const second = await s.api('POST', '/v1/pairing/requests', {
      token: fresh.token,
      body: { publicKey: b64u(createPairingRequest().publicKey) },
    });
    expect((await answer(old, second.body.id, { decision: 'approve', transfer: '{"v":1}' })).status).toBe(
      204,
    );
    s.clock.advance(10 * MINUTE + 1);
    const gone = await poll(fresh, second.body.id);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('pairing-expired');
    expect((await poll(fresh, second.body.id)).status).toBe(404);
  });

  it('maintenance deletes expired requests and their transfers, logging each', async () => {
    const { old, fresh, id } = await pair('purge@example.com');
    expect(
      (await answer(old, id, { decision: 'approve', transfer: '{"wrapped":"purge-me-please"}' })).status,
    ).toBe(204);
    s.clock.advance(11 * MINUTE);
    expect(purgeExpired(s.db, s.clock.now, 180 * DAY, s.vaultHeads).pairings).toBeGreaterThanOrEqual(1);
    const left = s.db.$client.prepare('SELECT count(*) AS n FROM pairing_requests WHERE id = ?').get(id) as {
      n: number;
    };
    expect(left.n).toBe(0);
    s.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    expect(databaseBytes().includes(Buffer.from('purge-me-please'))).toBe(false);
    expect((await poll(fresh, id)).status).toBe(404);
    expect(await auditTypes(old)).toContain('pairing-expired');
  });

  it('a new request replaces the device’s earlier one; withdrawing and revoking remove it', async () => {
    const { old, fresh, id } = await pair('replace@example.com');
    const next = await s.api('POST', '/v1/pairing/requests', {
      token: fresh.token,
      body: { publicKey: b64u(createPairingRequest().publicKey) },
    });
    expect(next.status).toBe(201);
    expect((await poll(fresh, id)).status).toBe(404);
    const ids = (await s.api('GET', '/v1/pairing/requests', { token: old.token })).body.requests.map(
      (r: { id: string }) => r.id,
    );
    expect(ids).toEqual([next.body.id]);

    expect(
      (await s.api('DELETE', `/v1/pairing/requests/${next.body.id}`, { token: fresh.token })).status,
    ).toBe(204);
    expect((await s.api('GET', '/v1/pairing/requests', { token: old.token })).body.requests).toEqual([]);

    const third = await s.api('POST', '/v1/pairing/requests', {
      token: fresh.token,
      body: { publicKey: b64u(createPairingRequest().publicKey) },
    });
    expect((await s.api('DELETE', `/v1/devices/${fresh.deviceId}`, { token: old.token })).status).toBe(204);
    expect((await s.api('GET', '/v1/pairing/requests', { token: old.token })).body.requests).toEqual([]);
    expect((await answer(old, third.body.id, { decision: 'deny' })).status).toBe(404);
    const types = await auditTypes(old);
    expect(types.filter((t) => t === 'pairing-cancelled')).toHaveLength(3);
  });

  it('refuses malformed and low-order public keys and oversized or non-JSON transfers', async () => {
    const { old, fresh, id } = await pair('bad@example.com');
    const good = b64u(createPairingRequest().publicKey);
    const lowOrder = [new Uint8Array(32), Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0))];
    for (const publicKey of [
      '',
      'abc',
      `${good}=`,
      good.slice(1),
      `${good}AA`,
      Buffer.alloc(32, 1).toString('base64'),
      `${good.slice(0, 42)}!`,
      ...lowOrder.map(b64u),
      42,
    ]) {
      const r = await s.api('POST', '/v1/pairing/requests', { token: fresh.token, body: { publicKey } });
      expect(r.status, String(publicKey)).toBe(400);
      expect(r.body.error.code).toBe('validation-failed');
    }
    for (const body of [
      { decision: 'approve' },
      { decision: 'approve', transfer: 'not json' },
      { decision: 'approve', transfer: '[1,2]' },
      { decision: 'approve', transfer: JSON.stringify({ x: 'y'.repeat(4096) }) },
      { decision: 'deny', transfer: '{}' },
      { decision: 'maybe' },
    ]) {
      const r = await answer(old, id, body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    expect((await answer(old, 'not-a-uuid', { decision: 'deny' })).status).toBe(400);
    expect((await poll(fresh, id)).body.status).toBe('pending');
  });

  it('rate-limits requests per account and caps open requests', async () => {
    const email = 'flood@example.com';
    const devices = [];
    for (let i = 0; i < 6; i++) devices.push(await s.signIn(email, `D${i}`));
    const ask = (d: Session) =>
      s.api('POST', '/v1/pairing/requests', {
        token: d.token,
        body: { publicKey: b64u(createPairingRequest().publicKey) },
      });
    for (let i = 0; i < 5; i++) expect((await ask(devices[i] as Session)).status).toBe(201);
    const capped = await ask(devices[5] as Session);
    expect(capped.status).toBe(429);
    expect(capped.body.error.code).toBe('rate-limited');
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(0);
    // Replacing one's own request does not count against the cap, but counts against the hourly limit.
    for (let i = 0; i < 5; i++) expect((await ask(devices[0] as Session)).status).toBe(201);
    const limited = await ask(devices[0] as Session);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
