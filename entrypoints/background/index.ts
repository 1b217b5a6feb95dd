import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { z } from 'zod';
import { CLIPBOARD_ALARM, clearClipboardIfDue } from './clipboard';
import { createFillMenu, FILL_COMMAND, FILL_MENU_ID, fillByGesture } from './gestures';
import { currentPolicy, watchPolicy } from './policy';
import { route } from './router';
import { forgetTab } from './tab-prompts';
import { getVault, onAlarm } from './vault-session';

// The MV3 CSP forbids eval; tell zod not to probe for it.
z.config({ jitless: true });

export default defineBackground({
  type: 'module',
  main() {
    // Listeners must be registered synchronously: a woken worker only sees events whose listeners exist at once.
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      route(message, sender).then(sendResponse);
      return true;
    });
    browser.runtime.onInstalled.addListener(createFillMenu);
    browser.contextMenus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === FILL_MENU_ID && tab?.id !== undefined) void fillByGesture(tab.id, info.frameId);
    });
    browser.commands.onCommand.addListener((command, tab) => {
      if (command === FILL_COMMAND && tab?.id !== undefined) void fillByGesture(tab.id);
    });
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === CLIPBOARD_ALARM) void clearClipboardIfDue();
      else void onAlarm(alarm.name);
    });
    browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
    // A page that starts loading drops what its previous document reported; the new one reports afresh.
    browser.tabs.onUpdated.addListener((tabId, change) => {
      if (change.status === 'loading') void forgetTab(tabId);
    });
    if (import.meta.env.VITE_E2E_OPEN_POPUP) {
      // Firefox's WebDriver BiDi cannot open moz-extension:// pages; the e2e build opens the popup itself.
      browser.runtime.onInstalled.addListener(
        () => void browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }),
      );
    }
    watchPolicy();
    void currentPolicy();
    void getVault();
  },
});
