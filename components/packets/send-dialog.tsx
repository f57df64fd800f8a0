import { PrivateField } from '../overlay/private-field';
import type { SendState } from '../../utils/annotations/send';

export interface SendActions {
  set(patch: Partial<Pick<SendState, 'kind' | 'recipient' | 'message'>>): void;
  send(): void;
  copy(): void;
  close(): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Send feedback: to whom, a short message, then the packet is saved as a file to send by
 * chat, email or Drive; a short text for the chat message can be copied. The two text fields
 * are private frames; other keys typed here never reach the page; Esc closes (utils/dom/key-listener.ts routes it).
 */
export function SendDialog({ send, holds, coachName, actions, closeKey }: {
  send: SendState;
  /** What the packet will hold, counted on the page (null: not counted here). */
  holds: { comments: number; replies: number; drawings: number; acknowledgements: number } | null;
  /** The coach whose review came (the athlete can reply), or null. */
  coachName: string | null;
  actions: SendActions;
  /** The key bound to closing it now (`packet.closeSend` over a video), for the ✕'s tooltip; none, no key named. */
  closeKey?: string;
}) {
  const reply = send.kind === 'reply';
  const close = closeKey ? `Close (${closeKey})` : 'Close';
  const summary = holds
    ? [
        holds.comments && plural(holds.comments, 'comment'),
        holds.replies && plural(holds.replies, 'reply').replace('replys', 'replies'),
        holds.drawings && plural(holds.drawings, 'drawing'),
        holds.acknowledgements && plural(holds.acknowledgements, 'acknowledgement'),
      ].filter(Boolean)
    : null;
  return (
    <section class="fc-send" role="dialog" aria-label={reply ? 'Reply to the coach' : 'Send feedback'}>
      <h2>
        {reply ? `Reply to ${coachName ?? 'the coach'}` : 'Send feedback'}
        <button type="button" class="fc-btn fc-close" onClick={actions.close} aria-label={close} title={close}>✕</button>
      </h2>
      {coachName && (
        <div class="fc-send-kind" role="radiogroup" aria-label="What to send">
          <label><input type="radio" name="fc-kind" checked={reply} onChange={() => actions.set({ kind: 'reply' })} /> What I wrote</label>
          <label><input type="radio" name="fc-kind" checked={!reply} onChange={() => actions.set({ kind: 'review' })} /> Everything</label>
        </div>
      )}
      <form
        class="fc-send-form"
        onSubmit={(event) => {
          event.preventDefault();
          actions.send();
        }}
      >
        {/* Frames of FrameCoach's own origin (private-field.tsx): the page can't read the names and words typed here. */}
        <div class="fc-field">
          <span aria-hidden="true">To</span>
          <PrivateField class="fc-input fc-send-to" label="To" value={send.recipient} placeholder={reply ? 'Coach' : 'Athlete’s name'} maxLength={200}
            focusKey="opened" onInput={(recipient) => actions.set({ recipient })} onSubmit={actions.send} onCancel={actions.close} />
        </div>
        <div class="fc-field">
          <span aria-hidden="true">Message</span>
          <PrivateField class="fc-textarea fc-send-message" multiline label="Message" value={send.message} maxLength={2000}
            placeholder={reply ? 'Thanks, one question…' : 'This week: land under the hip'}
            onInput={(message) => actions.set({ message })} onSubmit={actions.send} onCancel={actions.close} />
        </div>
        <p class="fc-dim">
          {summary === null
            ? reply
              ? 'It holds what you wrote on this video.'
              : 'It holds every comment and drawing on this video.'
            : summary.length
              ? `It holds ${summary.join(', ')}.`
              : 'Nothing to send yet.'}{' '}Saved as a file to send by chat, email or Drive.
        </p>
        {send.error && <div class="fc-editor-error" role="alert">{send.error}</div>}
        <div class="fc-editor-buttons">
          {/* No command's keys: the fields' own Enter and Escape, the same elsewhere in the dialog (attach.ts onKey). */}
          <span class="fc-dim">Enter saves · Esc closes</span>
          <button type="button" class="fc-btn" onClick={actions.close}>Close</button>
          <button type="submit" class="fc-btn fc-primary" disabled={send.busy}>{send.busy ? 'Saving…' : 'Save packet'}</button>
        </div>
      </form>
      {send.result && (
        <div class="fc-send-result" role="status">
          <div>
            Saved <strong class="fc-send-file">{send.result.filename}</strong>
            {send.result.unchanged ? ` (unchanged: revision ${send.result.revision})` : ` (revision ${send.result.revision})`}
          </div>
          <pre class="fc-share">{send.result.shareText}</pre>
          <button type="button" class="fc-btn" onClick={actions.copy}>{send.copied ? 'Copied' : 'Copy text for a chat message'}</button>
        </div>
      )}
    </section>
  );
}
