import { defineContentScript } from 'wxt/utils/define-content-script';
import { startFrameCoach } from './controller';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  // Early, so the key listener is in place before the page's own.
  runAt: 'document_start',
  main(ctx) {
    startFrameCoach(window, ctx.signal);
  },
});
