/**
 * Who is asking: the frame behind a content script's Port, read from the browser-supplied
 * `runtime.MessageSender` (WebExtensions), never from the message body.
 */
import { browser } from 'wxt/browser';

/** Minimal view of runtime.MessageSender, so tests can pass plain objects. */
export interface FrameSender {
  id?: string;
  url?: string;
  /** Chromium only: the frame's origin ('null' for sandboxed/opaque frames) */
  origin?: string;
  frameId?: number;
  tab?: { id?: number };
}

/** A content-script frame of ours in a web page tab. */
export interface Frame {
  tabId: number;
  frameId: number;
  /** the URL whose registrable domain decides what the frame may get */
  url: string;
}

/**
 * The frame a Port came from, or null when it is not one of our content scripts in an http(s)
 * tab frame. Chromium's `origin` wins over `url` (an about:blank or srcdoc frame reports its
 * parent's URL shape but has its own origin); an opaque origin (sandboxed frame) gets nothing.
 */
export function frameOf(sender: FrameSender | undefined): Frame | null {
  if (!sender || sender.id !== browser.runtime.id) return null;
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0 || typeof sender.frameId !== 'number') return null;
  let url = sender.url ?? '';
  if (sender.origin !== undefined) {
    if (!/^https?:\/\//i.test(sender.origin)) return null;
    try {
      if (new URL(url).origin !== sender.origin) url = sender.origin;
    } catch {
      url = sender.origin;
    }
  }
  if (!/^https?:\/\//i.test(url)) return null;
  return { tabId, frameId: sender.frameId, url };
}
