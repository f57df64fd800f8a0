// @vitest-environment happy-dom
/**
 * The overlay's host element (utils/dom/overlay-host.ts): once disposed it stays off the page,
 * whatever frame it had asked for before. (Turning FrameCoach off for a site from the popup
 * measures the host, then disposes it; a frame asked for earlier, by a resize, ran after and
 * put the dead panel back, in a background tab, now and then.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOverlayHost } from '../../utils/dom/overlay-host';
import { HOST_TAG } from '../../utils/dom/host-tag';

/** Animation frames, run when the test says. */
let frames: Map<number, FrameRequestCallback>;
let nextId: number;
const originals = { request: window.requestAnimationFrame, cancel: window.cancelAnimationFrame };

function runFrames(): void {
  const due = [...frames.values()];
  frames.clear();
  for (const callback of due) callback(performance.now());
}

beforeEach(() => {
  frames = new Map();
  nextId = 1;
  window.requestAnimationFrame = (callback) => {
    frames.set(nextId, callback);
    return nextId++;
  };
  window.cancelAnimationFrame = (id) => void frames.delete(id);
  document.body.innerHTML = '<video></video>';
});

afterEach(() => {
  window.requestAnimationFrame = originals.request;
  window.cancelAnimationFrame = originals.cancel;
});

const hosts = () => document.querySelectorAll(HOST_TAG).length;

describe('overlay host', () => {
  it('is on the page once made, and off it once disposed', () => {
    const overlay = createOverlayHost(document.querySelector('video')!, Promise.resolve(''));
    expect(hosts()).toBe(1);
    overlay.dispose();
    expect(hosts()).toBe(0);
  });

  it('a frame asked for (a resize) before a measure made at once does not bring the disposed host back', () => {
    const overlay = createOverlayHost(document.querySelector('video')!, Promise.resolve(''));
    window.dispatchEvent(new Event('resize'));
    expect(frames.size).toBe(1);
    // The settings changed: measured at once (the panel may dock elsewhere), then FrameCoach is off here.
    overlay.update();
    overlay.dispose();
    runFrames();
    expect(hosts()).toBe(0);
  });

  it('measuring at once takes the place of the frame asked for: one measure, not two', () => {
    const overlay = createOverlayHost(document.querySelector('video')!, Promise.resolve(''));
    window.dispatchEvent(new Event('resize'));
    overlay.update();
    expect(frames.size).toBe(0);
    // And the next resize asks for a frame again.
    window.dispatchEvent(new Event('resize'));
    expect(frames.size).toBe(1);
    runFrames();
    expect(hosts()).toBe(1);
    overlay.dispose();
  });
});
