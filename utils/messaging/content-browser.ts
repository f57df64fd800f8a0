/**
 * `wxt/browser` for content scripts only (wxt.config.ts aliases it there): the browser's
 * own extension API, without webextension-polyfill. The content script runs in every frame
 * of every page and uses three calls, all of which both browsers give natively with
 * promises or callbacks: `runtime.sendMessage` (a promise in Chrome MV3 and Firefox),
 * `runtime.onMessage` (answered with `sendResponse`, not a returned promise, which only
 * Firefox honours) and `runtime.id` (WXT's content-script context). The polyfill cost 9.6 KB
 * minified (2.7 KB gzip) of the content script; pages and the background keep it.
 */
import type { browser as Polyfilled } from 'wxt/browser';

type Global = { browser?: { runtime?: { id?: string } }; chrome?: unknown };
const g = globalThis as Global;

export const browser = (g.browser?.runtime?.id ? g.browser : g.chrome) as typeof Polyfilled;
