import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Entry } from '../../../crypto-core/entry';
import { generateCode } from '../../../crypto-core/otp';
import { choicesItem } from '../../../extension/autofill/chooser';
import type { FrameSender } from '../../../extension/autofill/frame';
import type { FrameReply } from '../../../extension/autofill/protocol';
import { handleFrameRequest } from '../../../extension/autofill/service';
import { waitingItem } from '../../../extension/autofill/unlock-flow';
import type { EntrySummary } from '../../../extension/messages';
import { totpEntry } from '../../crypto-core/sample-entry';
import { call, EXTENSION_ID as EXT, PASS, resetWorker } from '../worker-harness';

const { fastPassphraseSlots } = await vi.hoisted(() => import('../fast-slots'));
vi.mock('../../../crypto-core/keyslots', fastPassphraseSlots);

// RFC 6238 appendix B SHA1 seed in base32, and RFC 4226 appendix D for HOTP.
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const base = totpEntry({ issuer: 'GitHub', account: 'alice', secret: SECRET });

/** A content script in a github.com tab, as the browser describes it. */
const frame = (url: string, extra: Partial<FrameSender> = {}): FrameSender => ({
  id: EXT,
  url,
  frameId: 0,
  tab: { id: 7 },
  ...extra,
});
const ask = (raw: unknown, sender: FrameSender, now?: number) =>
  handleFrameRequest(raw, sender, now === undefined ? {} : { now: () => now });

async function unlockedWith(entries: Entry[]): Promise<EntrySummary[]> {
  await call('vault.create', { passphrase: PASS });
  await call('vault.confirmCreate');
  const out: EntrySummary[] = [];
  for (const entry of entries) out.push(await call<EntrySummary>('entries.add', { entry }));
  return out;
}

describe('autofill service: what a frame may get', () => {
  beforeEach(resetWorker);

  it('refuses senders that are not our content script in a web page tab, and malformed requests', async () => {
    await unlockedWith([{ ...base, domains: ['github.com'] }]);
    const refused = [
      undefined,
      frame('https://github.com/login', { id: 'another-extension' }),
      frame('https://github.com/login', { tab: undefined }), // not from a tab
      frame(`chrome-extension://${EXT}/popup.html`),
      frame('file:///tmp/login.html'),
      frame('https://github.com/login', { origin: 'null' }), // sandboxed frame
    ];
    for (const sender of refused) {
      expect(await ask({ type: 'matches' }, sender as FrameSender)).toMatchObject({
        type: 'error',
        code: 'forbidden',
      });
    }
    for (const raw of [
      null,
      {},
      { type: 'code' },
      { type: 'code', id: 5 },
      { type: 'matches', url: 'x' },
      'matches',
    ]) {
      expect(await ask(raw, frame('https://github.com/'))).toMatchObject({
        type: 'error',
        code: 'bad-request',
      });
    }
  });

  it('lists only entries saved for the frame’s own registrable domain, without secrets', async () => {
    const [gh, , gl] = await unlockedWith([
      { ...base, domains: ['github.com'] },
      { ...base, issuer: 'Evil', domains: ['github.com.evil.io'] },
      { ...base, issuer: 'GitLab', account: 'bob', domains: ['gitlab.com', 'github.com'] },
    ]);
    const r = await ask({ type: 'matches' }, frame('https://gist.github.com/auth/2fa'));
    expect(r).toEqual({
      type: 'matches',
      status: 'unlocked',
      site: 'github.com',
      entries: [
        { id: gh?.id, issuer: 'GitHub', account: 'alice' },
        { id: gl?.id, issuer: 'GitLab', account: 'bob' },
      ],
      settings: { hidden: false, autoFill: false, autoSubmit: false },
    });
    expect(JSON.stringify(r)).not.toContain(SECRET);
    const lookalike = await ask({ type: 'matches' }, frame('https://github.com.evil.test/login'));
    expect(lookalike).toMatchObject({ site: 'evil.test', entries: [] });
    // an iframe is judged by its own URL, not the top page's
    const iframe = await ask({ type: 'matches' }, frame('https://bank.test/otp', { frameId: 3 }));
    expect(iframe).toMatchObject({ site: 'bank.test', entries: [] });
  });

  it('gives a code only to a frame of the entry’s site; ids of other sites get the same refusal as unknown ones', async () => {
    const [gh] = await unlockedWith([{ ...base, domains: ['github.com'] }]);
    const id = gh?.id as string;
    const t = Date.UTC(2026, 0, 1, 12, 0, 5);
    expect(await ask({ type: 'code', id }, frame('https://github.com/sessions/two-factor'), t)).toEqual({
      type: 'code',
      code: generateCode(base, t),
    });
    const foreign = await ask({ type: 'code', id }, frame('https://evil.test/'), t);
    const unknown = await ask({ type: 'code', id: 'no-such-id' }, frame('https://evil.test/'), t);
    expect(foreign).toEqual(unknown);
    expect(foreign).toMatchObject({ type: 'error', code: 'forbidden' });
    // Chromium's sender.origin wins over a URL that disagrees with it (about:blank / srcdoc frames)
    expect(
      await ask({ type: 'code', id }, frame('https://github.com/x', { origin: 'https://evil.test' }), t),
    ).toMatchObject({ type: 'error', code: 'forbidden' });
  });

  it('waits for the next code when fewer than 3 s of the period are left', async () => {
    const [gh] = await unlockedWith([{ ...base, domains: ['github.com'] }]);
    const id = gh?.id as string;
    const end = Date.UTC(2026, 0, 1, 12, 0, 30);
    expect(await ask({ type: 'code', id }, frame('https://github.com/'), end - 2500)).toEqual({
      type: 'wait',
      ms: 2600,
    });
    expect(await ask({ type: 'code', id }, frame('https://github.com/'), end - 3000)).toMatchObject({
      type: 'code',
    });
    expect(await ask({ type: 'code', id }, frame('https://github.com/'), end)).toEqual({
      type: 'code',
      code: generateCode(base, end),
    });
  });

  it('uses each HOTP code once (RFC 4226): the next fill gets the next counter', async () => {
    const hotp: Entry = {
      ...base,
      type: 'hotp',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      counter: 0,
      domains: ['github.com'],
    };
    const [e] = await unlockedWith([hotp]);
    const first = await ask({ type: 'code', id: e?.id }, frame('https://github.com/'));
    const second = await ask({ type: 'code', id: e?.id }, frame('https://github.com/'));
    // RFC 4226 appendix D: counter 0 → 755224, counter 1 → 287082
    expect(first).toEqual({ type: 'code', code: '755224' });
    expect(second).toEqual({ type: 'code', code: '287082' });
  });

  it('when locked: reports it, gives no entries or codes, and opens the unlock UI on request', async () => {
    const [gh] = await unlockedWith([{ ...base, domains: ['github.com'] }]);
    await call('vault.lock');
    expect(await ask({ type: 'matches' }, frame('https://github.com/'))).toMatchObject({
      status: 'locked',
      entries: [],
    });
    expect(await ask({ type: 'code', id: gh?.id }, frame('https://github.com/'))).toMatchObject({
      type: 'error',
      code: 'locked',
    });
    const openPopup = vi.fn(async () => {
      throw new Error('not allowed here');
    });
    fakeBrowser.action.openPopup = openPopup;
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await ask({ type: 'unlock' }, frame('https://github.com/', { frameId: 2 }))).toEqual({
      type: 'done',
    });
    expect(openPopup).toHaveBeenCalled();
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({ url: expect.stringContaining('/popup.html') }),
    );
    expect(await waitingItem.getValue()).toEqual([expect.objectContaining({ tabId: 7, frameId: 2 })]);
  });

  it('"Choose an account…" binds a token to the frame’s site, and confirming saves that site on the entry', async () => {
    const [gh] = await unlockedWith([{ ...base, domains: ['github.com'] }]);
    fakeBrowser.windows.create = vi.fn(async () => ({}) as never);
    const send = vi.fn(async () => undefined);
    fakeBrowser.tabs.sendMessage = send as never;
    expect(await ask({ type: 'choose' }, frame('https://login.example.co.uk/2fa', { frameId: 4 }))).toEqual({
      type: 'done',
    });
    const [token] = Object.keys(await choicesItem.getValue());
    const info = await call<{ site: string }>('autofill.choice', { token });
    expect(info.site).toBe('example.co.uk');
    await call('autofill.choose', { token, id: gh?.id });
    const list = await call<EntrySummary[]>('entries.list');
    expect(list[0]?.domains).toEqual(['github.com', 'example.co.uk']);
    expect(send).toHaveBeenCalledWith(
      7,
      { event: 'ward.autofill.fill', source: 'chosen', id: gh?.id },
      { frameId: 4 },
    );
    // a token is used once
    await expect(call('autofill.choose', { token, id: gh?.id })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('remembers "hide on this site" per registrable domain', async () => {
    await unlockedWith([]);
    await ask({ type: 'hide' }, frame('https://www.github.com/'));
    const r = (await ask({ type: 'matches' }, frame('https://gist.github.com/'))) as Extract<
      FrameReply,
      { type: 'matches' }
    >;
    expect(r.settings).toEqual({ hidden: true, autoFill: false, autoSubmit: false });
    const other = (await ask({ type: 'matches' }, frame('https://gitlab.com/'))) as Extract<
      FrameReply,
      { type: 'matches' }
    >;
    expect(other.settings.hidden).toBe(false);
  });
});
