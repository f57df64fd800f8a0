import type { Args, Reply, RequestMessage, RequestType, Result } from './contract';

/** How a message reaches the background: `browser.runtime.sendMessage` in the extension. */
export type Send = (message: RequestMessage) => Promise<unknown>;

export class RequestError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'RequestError';
  }
}

/**
 * A typed caller. A stopped MV3 service worker is restarted by the message itself; a
 * failure to reach it at all ("Receiving end does not exist" while it starts) is retried
 * a few times before giving up.
 */
export function createClient(send: Send, retries = 3) {
  return async function call<K extends RequestType>(type: K, args: Args<K>): Promise<Result<K>> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      let reply: Reply<K> | undefined;
      try {
        reply = (await send({ framecoach: 1, type, args })) as Reply<K> | undefined;
      } catch (error) {
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
        continue;
      }
      if (!reply) {
        lastError = new Error('No answer from FrameCoach (the extension may have been updated: reload the page).');
        continue;
      }
      if (reply.ok) return reply.value;
      throw new RequestError(reply.error, reply.code);
    }
    throw new RequestError(lastError instanceof Error ? lastError.message : String(lastError), 'unreachable');
  };
}

export type Call = ReturnType<typeof createClient>;
