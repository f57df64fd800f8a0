import { isRequest, type Args, type Reply, type RequestType, type Result } from './contract';
import { argsProblem } from './arg-shapes';

/** Who sent a request: what the background needs of `runtime.MessageSender`. */
export interface Sender {
  tabUrl?: string;
  tabId?: number;
  /** The sending frame in its tab (0: the top), and its address. */
  frameId?: number;
  frameUrl?: string;
  windowId?: number;
}

export type Handlers = { [K in RequestType]: (args: Args<K>, sender: Sender) => Promise<Result<K>> };

/**
 * Turns typed handlers into a `runtime.onMessage` listener: requests answer with a Reply,
 * anything else is ignored (returns undefined so other listeners may answer).
 */
export function createMessageListener(handlers: Handlers, errorCode: (error: unknown) => string | undefined = defaultCode) {
  return (message: unknown, sender: Sender): Promise<Reply> | undefined => {
    // Own keys only: `constructor` or `toString` is no request.
    if (!isRequest(message) || !Object.hasOwn(handlers, message.type)) return undefined;
    const problem = argsProblem(message.type, message.args);
    if (problem) return Promise.resolve({ ok: false, error: `FrameCoach refused a malformed request (${problem}).`, code: 'invalid' });
    const handler = handlers[message.type] as (args: unknown, sender: Sender) => Promise<unknown>;
    return handler(message.args, sender).then(
      (value) => ({ ok: true, value }) as Reply,
      (error: unknown) => ({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
        code: errorCode(error),
      }),
    );
  };
}

/** An error's `code`, when it has one (StorageError, and errors made with a code). */
export function defaultCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
