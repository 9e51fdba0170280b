import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { IDLE_ALARM, isIdleExpired } from '../vault/auto-lock';
import { lockVault } from '../vault/lock-state';
import { handleMessage } from '../vault/router';

// The service worker only wires browser events to the vault modules.
export default defineBackground(() => {
  // sendResponse + `return true` works in Chrome and Firefox alike (Chrome ignores returned promises).
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void handleMessage(message, sender).then(sendResponse);
    return true;
  });

  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name === IDLE_ALARM && (await isIdleExpired())) await lockVault();
  });
});
