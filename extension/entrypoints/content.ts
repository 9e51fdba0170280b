import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { type AgentIo, startAgent } from '../autofill/agent';
import { type FrameReply, PORT_NAME, parseFillEvent } from '../autofill/protocol';

const NO_ANSWER: FrameReply = { type: 'error', code: 'internal', message: 'Ward did not answer. Try again.' };

/** One short-lived Port per request: the worker reads this frame from the Port's sender. */
const io: AgentIo = {
  request(req) {
    return new Promise((resolve) => {
      let port: ReturnType<typeof browser.runtime.connect>;
      try {
        port = browser.runtime.connect({ name: PORT_NAME });
      } catch {
        return resolve(NO_ANSWER); // the extension was updated or removed: this script is orphaned
      }
      const timer = setTimeout(() => port.disconnect(), 15_000);
      port.onMessage.addListener((reply: unknown) => {
        clearTimeout(timer);
        port.disconnect();
        resolve(reply as FrameReply);
      });
      port.onDisconnect.addListener(() => {
        clearTimeout(timer);
        resolve(NO_ANSWER);
      });
      port.postMessage(req);
    });
  },
  onEvent(listener) {
    const onMessage = (raw: unknown, sender: { id?: string }) => {
      const event = sender.id === browser.runtime.id ? parseFillEvent(raw) : null;
      if (event) listener(event);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  },
};

// Every http(s) frame: detection is local; the worker answers only for this frame's own domain.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    const stop = startAgent(document, io);
    ctx.onInvalidated(stop);
  },
});
