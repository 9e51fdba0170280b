import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, originAllowed } from '../../sync-server/config';

describe('configuration from the environment', () => {
  it('has laptop defaults', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8787,
      databasePath: './data/ward.db',
      smtpUrl: undefined,
      mailFrom: 'Ward <no-reply@localhost>',
      corsOrigins: ['chrome-extension://*', 'moz-extension://*'],
      trustProxy: false,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      DATABASE_PATH: '/var/lib/ward/ward.db',
      SMTP_URL: 'smtps://user:pass@mail.example.com:465',
      MAIL_FROM: 'Ward <ward@example.com>',
      CORS_ORIGINS: 'chrome-extension://abc, moz-extension://*',
      TRUST_PROXY: 'true',
    });
    expect(c).toMatchObject({ host: '0.0.0.0', port: 9000, trustProxy: true });
    expect(c.corsOrigins).toEqual(['chrome-extension://abc', 'moz-extension://*']);
  });

  it('names each invalid variable without echoing its value', () => {
    let err: unknown;
    try {
      loadConfig({
        PORT: '70000',
        SMTP_URL: 'http://user:hunter2@x',
        CORS_ORIGINS: '*',
        TRUST_PROXY: 'maybe',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const name of ['PORT', 'SMTP_URL', 'CORS_ORIGINS', 'TRUST_PROXY']) expect(msg).toContain(name);
    expect(msg).not.toContain('hunter2');
  });

  it('matches origins exactly or by scheme wildcard', () => {
    const allowed = ['chrome-extension://*', 'https://ward.example.com'];
    expect(originAllowed('chrome-extension://abc', allowed)).toBe(true);
    expect(originAllowed('chrome-extension://', allowed)).toBe(false);
    expect(originAllowed('https://ward.example.com', allowed)).toBe(true);
    expect(originAllowed('https://ward.example.com.evil.net', allowed)).toBe(false);
    expect(originAllowed('moz-extension://abc', allowed)).toBe(false);
  });
});
