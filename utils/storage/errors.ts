/**
 * Storage failures as one error type with a code the UI can branch on and a message a coach
 * can read. Raw IndexedDB errors (DOMException names) are mapped here and nowhere else.
 */

export type StorageErrorCode = 'quota' | 'blocked' | 'closed' | 'invalid' | 'readonly' | 'unknown';

const MESSAGES: Record<StorageErrorCode, string> = {
  quota: 'Your disk is full: FrameCoach could not save. Nothing was lost: free some space and try again.',
  blocked:
    'FrameCoach could not open its saved data because an older FrameCoach page is still open. ' +
    'Close or reload other FrameCoach tabs and try again.',
  closed: 'FrameCoach closed its saved data (it is being updated or was cleared). Reload the page and try again.',
  invalid: 'FrameCoach refused to save damaged data. Nothing was changed.',
  readonly:
    'Someone else wrote this (it came in their feedback packet): you can reply to it or acknowledge it, not change it. Nothing was changed.',
  unknown: 'FrameCoach could not read or save its data. Nothing was changed: try again.',
};

export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly code: StorageErrorCode;

  /** `detail` is appended for developers (which record, which field); the lead is for people. */
  constructor(code: StorageErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code], options);
    this.code = code;
  }
}

const errorName = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string'
    ? (error as { name: string }).name
    : undefined;

const errorMessage = (error: unknown): string | undefined =>
  error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
    ? String((error as { message: unknown }).message) || undefined
    : undefined;

/** Maps anything thrown by IndexedDB (or our own code) to a StorageError. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = errorName(error);
  const detail = name ? `${name}${errorMessage(error) ? `: ${errorMessage(error)}` : ''}` : String(error);
  switch (name) {
    case 'QuotaExceededError':
      return new StorageError('quota', undefined, { cause: error });
    case 'InvalidStateError':
      // Thrown by db.transaction() after the connection closed.
      return new StorageError('closed', detail, { cause: error });
    case 'DataError':
    case 'DataCloneError':
      return new StorageError('invalid', detail, { cause: error });
    case 'VersionError':
      return new StorageError(
        'unknown',
        'the saved data was written by a newer FrameCoach; update the extension to open it',
        { cause: error },
      );
    default:
      return new StorageError('unknown', detail, { cause: error });
  }
}

/**
 * A failed request aborts its transaction with a generic AbortError; the transaction's own
 * error (e.g. QuotaExceededError at commit) is the real cause, so prefer it.
 */
export function rootCause(requestError: unknown, transactionError: unknown): unknown {
  if (transactionError && (requestError === undefined || errorName(requestError) === 'AbortError')) {
    return transactionError;
  }
  return requestError ?? transactionError;
}
