import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // The background will own the database (issue 3). For now it only has to exist.
});
