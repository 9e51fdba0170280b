import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { setupAutofill } from '../autofill/triggers';
import { setupCapture } from '../capture/setup';
import { setupDevices } from '../devices/service';
import { setupPasskey } from '../passkey/setup';
import { onSyncAlarm, startSyncSchedule } from '../sync/service';
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
    if (onSyncAlarm(alarm.name)) return;
    if (alarm.name === IDLE_ALARM && (await isIdleExpired())) await lockVault();
  });

  // Pull every few minutes and push soon after each local edit (the engine does nothing signed out).
  startSyncSchedule();

  // Scan QR codes from the context menus and the keyboard shortcut.
  setupCapture();

  // Fill codes: content-script frames, the keyboard shortcut, the context menu, fill after unlock.
  setupAutofill();

  // Passkey unlock: a lock drops a passkey registration still waiting for its PRF output.
  setupPasskey();

  // Device approval badge after each sync alarm; exports reported to the account's audit log.
  setupDevices();
});
