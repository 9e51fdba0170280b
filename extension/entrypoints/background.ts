import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // The vault, messages and sync are wired here by the extension issue.
});
