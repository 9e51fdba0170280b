/** The popup's side of messages.ts: one typed call per message, failures thrown as ReplyFailure. */
import { browser } from 'wxt/browser';
import type { MessageType, Reply, ReplyError, Request, Response } from '../messages';

export class ReplyFailure extends Error {
  readonly code: string;
  readonly retryAt: number | undefined;

  constructor(error: ReplyError) {
    super(error.message);
    this.name = 'ReplyFailure';
    this.code = error.code;
    this.retryAt = error.retryAt;
  }
}

/** Sends one request to the service worker and returns its typed response. */
export async function send<T extends MessageType>(type: T, body: Request<T>): Promise<Response<T>> {
  const reply = (await browser.runtime.sendMessage({ type, body })) as Reply<Response<T>> | undefined;
  if (!reply)
    throw new ReplyFailure({ code: 'internal', message: 'Ward’s background worker did not answer.' });
  if (!reply.ok) throw new ReplyFailure(reply.error);
  return reply.value;
}

/** A message for people from any thrown value. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : 'Something went wrong.';
}
