/** Sends sign-in codes and new-device notices: by SMTP (nodemailer), or into the server log for local use. */
import nodemailer from 'nodemailer';
import type { Logger } from './logger';

/** What the account owner is told when another device signs in. */
export interface NewDeviceNotice {
  deviceName: string;
  /** RFC 3339, UTC. */
  at: string;
  ip: string | null;
}

/** Delivers account mail. Rejects when the mail could not be handed over. */
export interface Mailer {
  sendSignInCode(to: string, code: string, validMinutes: number): Promise<void>;
  /** Optional so that code-only test mailers keep working; both real mailers implement it. */
  sendNewDeviceNotice?(to: string, notice: NewDeviceNotice): Promise<void>;
  close(): void;
}

/** Subject and text of the new-device notice (the name is the user's own, without control characters). */
export function newDeviceMail(n: NewDeviceNotice): { subject: string; text: string } {
  return {
    subject: `Ward: a new device signed in: ${n.deviceName}`,
    text: [
      `A new device signed in to your Ward account: ${n.deviceName}`,
      '',
      `Time: ${n.at} (UTC)`,
      ...(n.ip ? [`Network address: ${n.ip}`] : []),
      '',
      'If this was you, there is nothing to do.',
      'If it was not: open Ward on a device you trust, go to Settings → Devices and revoke',
      `"${n.deviceName}", then accept the offer to rotate the vault key. A device that signed in`,
      'cannot read your codes until one of your devices approves it or it is given your',
      'passphrase or recovery key; never approve a request you did not start yourself.',
    ].join('\n'),
  };
}

function body(code: string, validMinutes: number): string {
  return [
    `Your Ward sign-in code is: ${code}`,
    '',
    `It is valid for ${validMinutes} minutes and works once.`,
    'If you did not try to sign in to Ward, ignore this message: nobody can sign in without the code.',
    'Ward will never ask you for this code by phone, chat or mail.',
  ].join('\n');
}

/** SMTP delivery through nodemailer (`smtp://` or `smtps://` URL, credentials in the URL). */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async sendSignInCode(to, code, validMinutes) {
      // The code stays out of the subject so lock-screen notifications do not show it.
      await transport.sendMail({
        from,
        to,
        subject: 'Your Ward sign-in code',
        text: body(code, validMinutes),
      });
    },
    async sendNewDeviceNotice(to, notice) {
      await transport.sendMail({ from, to, ...newDeviceMail(notice) });
    },
    close: () => transport.close(),
  };
}

/**
 * For running on a laptop without SMTP: writes each code to the log with a loud warning.
 * This is the only place the server ever prints a code.
 */
export function createLogMailer(logger: Logger): Mailer {
  logger.warn(
    'SMTP_URL is not set: sign-in codes are written to this log instead of being mailed. ' +
      'Use this for local testing only; anyone who can read the log can sign in as any user.',
  );
  return {
    async sendSignInCode(to, code, validMinutes) {
      logger.warn(`LOCAL USE ONLY: sign-in code for ${to} is ${code} (valid ${validMinutes} minutes)`);
    },
    async sendNewDeviceNotice(to, notice) {
      logger.info(`new-device notice for ${to}: ${newDeviceMail(notice).subject}`);
    },
    close() {},
  };
}
