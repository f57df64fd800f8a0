/**
 * Waits `ms`, then lets the messages already posted on a MessagePort, and their answers, be
 * delivered. Node runs an expired timer before it looks for port messages in the same turn of
 * its loop: on a loaded machine (a copy of the suite beside another) a 20 ms timer alone came
 * back before the field page's answer to `init` had arrived. Each `setImmediate` turn passes
 * one look for port messages, so a message and its answer (and theirs) are in.
 */
export async function settle(ms = 20, hops = 4): Promise<void> {
  await new Promise((done) => setTimeout(done, ms));
  for (let i = 0; i < hops; i++) await new Promise((done) => setImmediate(done));
}
