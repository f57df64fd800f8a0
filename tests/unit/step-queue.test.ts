import { describe, expect, it } from 'vitest';
import { createStepQueue } from '../../utils/frames/step-queue';
import { cfr, simulatedVideo } from './simulated-video';

function queueOver(sim: ReturnType<typeof simulatedVideo>, variable = false, minGap = 1 / 30) {
  const errors: string[] = [];
  const results: number[] = [];
  const busy: boolean[] = [];
  const queue = createStepQueue(sim.source, {
    timing: async () => ({ minGap, variable }),
    onStep: (r) => results.push(r.moved),
    onError: (m) => errors.push(m),
    onBusy: (b) => busy.push(b),
  });
  return { queue, errors, results, busy };
}

describe('step queue', () => {
  it.each([false, true])('a burst of presses settles on start + presses (variable: %s)', async (variable) => {
    const sim = simulatedVideo(cfr(30, 120), { fuzzyStarts: true });
    sim.show(40);
    const { queue, errors } = queueOver(sim, variable);
    for (let i = 0; i < 9; i++) queue.push(1);
    queue.push(-1);
    queue.push(1);
    await queue.idle();
    expect(errors).toEqual([]);
    expect(sim.index()).toBe(49);
    expect(queue.pending()).toBe(0);
  });

  it('a hold takes the frame shown when it was asked for; presses made while it works step after it', async () => {
    const sim = simulatedVideo(cfr(30, 120));
    sim.show(10);
    const { queue } = queueOver(sim);
    let release = () => undefined as void;
    const slow = new Promise<void>((done) => (release = done)); // a pause that takes long on a busy machine
    const held = queue.hold(async () => {
      await slow;
      return sim.index();
    });
    for (let i = 0; i < 5; i++) queue.push(1);
    expect(queue.pending()).toBe(5);
    await new Promise((done) => setTimeout(done, 5));
    expect(sim.seeks()).toBe(0); // nothing moved under the hold
    release();
    expect(await held).toBe(10);
    await new Promise((done) => setTimeout(done, 0));
    await queue.idle();
    expect(sim.index()).toBe(15);
    expect(queue.pending()).toBe(0);
  });

  it('presses waiting for a hold are busy at once (the HUD must not say idle while a step is still to come), and idle once stepped', async () => {
    const sim = simulatedVideo(cfr(30, 120));
    sim.show(10);
    const { queue, busy } = queueOver(sim);
    let release = () => undefined as void;
    const slow = new Promise<void>((done) => (release = done));
    const held = queue.hold(() => slow);
    expect(busy).toEqual([]);
    queue.push(1);
    expect(busy).toEqual([true]);
    release();
    await held;
    await new Promise((done) => setTimeout(done, 0));
    await queue.idle();
    await new Promise((done) => setTimeout(done, 0));
    expect(sim.index()).toBe(11);
    expect(busy).toEqual([true, false]);
    // Presses that cancel out during a hold: busy, then idle when it ends, with nothing to step.
    const again = queue.hold(async () => undefined);
    queue.push(1);
    queue.push(-1);
    await again;
    expect(busy).toEqual([true, false, true, false]);
    expect(sim.index()).toBe(11);
  });

  it('a hold waits for the steps asked for before it', async () => {
    const sim = simulatedVideo(cfr(30, 120));
    sim.show(10);
    const { queue } = queueOver(sim);
    queue.push(3);
    expect(await queue.hold(async () => sim.index())).toBe(13);
  });

  it('coalesces presses that arrive while a seek is running into one seek', async () => {
    const sim = simulatedVideo(cfr(30, 120));
    sim.show(10);
    const { queue, results } = queueOver(sim);
    queue.push(1);
    // Let the first seek start, then press five more times while it runs.
    while (sim.seeks() === 0) await Promise.resolve();
    for (let i = 0; i < 5; i++) queue.push(1);
    await queue.idle();
    expect(sim.index()).toBe(16);
    expect(results).toEqual([1, 5]);
    expect(sim.seeks()).toBe(2);
  });

  it('spends presses beyond the end instead of replaying them later', async () => {
    const sim = simulatedVideo(cfr(30, 20));
    sim.show(17);
    const { queue } = queueOver(sim);
    for (let i = 0; i < 6; i++) queue.push(1);
    await queue.idle();
    expect(sim.index()).toBe(19);
    queue.push(-1);
    await queue.idle();
    expect(sim.index()).toBe(18);
  });

  it('reports a clear error when the rate is unknown and changes nothing', async () => {
    const sim = simulatedVideo(cfr(30, 20));
    sim.show(5);
    const errors: string[] = [];
    const queue = createStepQueue(sim.source, { timing: async () => null, onStep: () => {}, onError: (m) => errors.push(m) });
    queue.push(1);
    await queue.idle();
    expect(errors[0]).toMatch(/frame rate/i);
    expect(sim.index()).toBe(5);
    expect(sim.seeks()).toBe(0);
  });

  it.each([0, NaN, Infinity])('ignores a push of %s', async (n) => {
    const sim = simulatedVideo(cfr(30, 20));
    const { queue } = queueOver(sim);
    queue.push(n);
    await queue.idle();
    expect(sim.seeks()).toBe(0);
  });
});
