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
    [
      'a site patch with some switches',
      { type: 'autofill.setSite', body: { site: 'a.com', patch: { hidden: true } } },
    ],
    ['an empty site patch', { type: 'autofill.setSite', body: { site: 'a.com', patch: {} } }],
    ['a session lifetime of a year', { type: 'account.setSessionDays', body: { days: 365 } }],
    ['a 2-of-10 kit', { type: 'recovery.makeKit', body: { words: 'w', threshold: 2, total: 10 } }],
    ['a passkey unlock', { type: 'passkey.unlock', body: { credentialId: 'AbC-_1', prfOutput: 'x' } }],
    ['an import with only the data', { type: 'import.file', body: { data: 'x', encoding: 'utf8' } }],
  ])('accepts %s', (_, raw) => {
    expect(parseRequest(raw)).not.toBeNull();
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
    ['an unknown site switch', { type: 'autofill.setSite', body: { site: 'a.com', patch: { x: true } } }],
    [
      'a site switch that is not a boolean',
      { type: 'autofill.setSite', body: { site: 'a.com', patch: { hidden: 1 } } },
    ],
    ['an empty entry id to fill', { type: 'autofill.fill', body: { id: '' } }],
    ['a session lifetime of 0 days', { type: 'account.setSessionDays', body: { days: 0 } }],
    ['a session lifetime over a year', { type: 'account.setSessionDays', body: { days: 366 } }],
    ['a 1-share kit', { type: 'recovery.makeKit', body: { words: 'w', threshold: 1, total: 3 } }],
    [
      'a credential id that is not base64url',
      { type: 'passkey.unlock', body: { credentialId: 'a+b', prfOutput: 'x' } },
    ],
    ['an import encoding we do not read', { type: 'import.file', body: { data: 'x', encoding: 'hex' } }],
  ])('rejects %s', (_, raw) => {
    expect(parseRequest(raw)).toBeNull();
  });
});
