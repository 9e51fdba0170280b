/** Sends sign-in codes: by SMTP (nodemailer), or into the server log for local use without SMTP. */
import nodemailer from 'nodemailer';
import type { Logger } from './logger';

/** Delivers a sign-in code to an address. Rejects when the mail could not be handed over. */
export interface Mailer {
  sendSignInCode(to: string, code: string, validMinutes: number): Promise<void>;
  close(): void;
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
    close() {},
  };
}
