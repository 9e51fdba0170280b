import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../extension/messages';

describe('message validation', () => {
  it('accepts well-formed messages', () => {
    expect(parseRequest({ type: 'vault.state', body: {} })).toEqual({ type: 'vault.state', body: {} });
    expect(parseRequest({ type: 'entries.move', body: { id: 'a', afterId: null } })).not.toBeNull();
    expect(parseRequest({ type: 'settings.set', body: { theme: 'dark' } })).not.toBeNull();
    expect(
      parseRequest({
        type: 'entries.add',
        body: {
          entry: {
            type: 'totp',
            issuer: 'A',
            account: 'b',
            secret: 'JBSWY3DPEHPK3PXP',
            algorithm: 'SHA1',
            digits: 6,
            period: 30,
            counter: 0,
            tags: ['x'],
          },
        },
      }),
    ).not.toBeNull();
  });

  it.each([
    ['not an object', 'vault.state'],
    ['unknown type', { type: 'vault.steal', body: {} }],
    ['inherited key as type', { type: 'toString', body: {} }],
    ['missing body', { type: 'vault.state' }],
    ['extra body key', { type: 'vault.state', body: { x: 1 } }],
    ['wrong field type', { type: 'vault.unlock', body: { passphrase: 42 } }],
    ['missing field', { type: 'entries.secret', body: {} }],
    ['bad enum', { type: 'settings.set', body: { autoLockMinutes: 7 } }],
    ['bad nested entry', { type: 'entries.add', body: { entry: { type: 'totp' } } }],
    ['non-integer', { type: 'entries.addParsed', body: { text: 'x', pick: [0.5] } }],
    ['too long', { type: 'vault.unlock', body: { passphrase: 'x'.repeat(5000) } }],
    ['test hook below its floor', { type: 'test.autoLockMs', body: { ms: 10 } }],
  ])('rejects %s', (_, raw) => {
    expect(parseRequest(raw)).toBeNull();
  });
});
