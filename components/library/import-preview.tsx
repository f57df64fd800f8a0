import type { ImportAnswer } from '../../utils/messaging/contract';
import type { Category, Change } from '../../utils/packets/plan';

type Answer = Extract<ImportAnswer, { ok: true }>;

const CATEGORY_NAMES: Record<Category, string> = { comments: 'Comments', replies: 'Replies', drawings: 'Drawings', acknowledgements: 'Acknowledgements' };
const CHANGES: [Change, string][] = [
  ['new', 'New'],
  ['updated', 'Updated'],
  ['removed', 'Removed'],
  ['unchanged', 'Unchanged'],
  ['older', 'Kept (yours is newer)'],
];

export const when = (ms: number) => new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Who it is from, as far as keys can tell. */
export function senderLine(a: Pick<Answer, 'sender' | 'senderStatus' | 'fingerprint'>): { text: string; warn: boolean } {
  const name = a.sender.name || 'someone';
  switch (a.senderStatus) {
    case 'own':
      return { text: 'Signed by you (this FrameCoach).', warn: false };
    case 'first':
      return { text: `The first packet from ${name} here. Their key: ${a.fingerprint}.`, warn: false };
    case 'same':
      return { text: `The same sender as earlier packets from ${name} (key ${a.fingerprint}).`, warn: false };
    case 'different':
      return {
        text: `Not the same sender as earlier packets named ${name}: the key differs (${a.fingerprint}). Someone else may be using the name, or ${name} reinstalled FrameCoach. Import it only if you expected it.`,
        warn: true,
      };
  }
}

/** What importing a packet would do (or did): from whom, for which video, what changes. */
export function ImportPreview({ answer, done }: { answer: Answer; done: boolean }) {
  const rows = (Object.keys(CATEGORY_NAMES) as Category[]).filter((c) => CHANGES.some(([k]) => answer.counts[c][k] > 0));
  const columns = CHANGES.filter(([k]) => rows.some((c) => answer.counts[c][k] > 0));
  const sender = senderLine(answer);
  return (
    <div class="lib-preview" data-testid="import-preview">
      <p class="lib-from">
        <strong>{answer.kind === 'reply' ? 'Reply' : 'Feedback'} from {answer.sender.name || 'someone'}</strong>
        <span class="lib-dim"> ({answer.sender.role}{answer.recipient ? `, to ${answer.recipient}` : ''}) · {when(answer.createdAt)} · revision {answer.revision}</span>
      </p>
      <p class={sender.warn ? 'lib-warn' : 'lib-dim'} data-sender-status={answer.senderStatus}>{sender.text}</p>
      <p>
        On <strong>{answer.video.title || 'a video'}</strong>{' '}
        <span class="lib-dim">({answer.video.provider}{answer.videoKnown ? ', already in your library' : ', new here'})</span>
      </p>
      {answer.message && <blockquote class="lib-message">{answer.message}</blockquote>}
      {rows.length ? (
        <table class="lib-counts">
          <thead>
            <tr>
              <th />
              {columns.map(([k, label]) => <th key={k}>{label}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c} data-category={c}>
                <th>{CATEGORY_NAMES[c]}</th>
                {columns.map(([k]) => <td key={k} data-change={k}>{answer.counts[c][k] || ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="lib-dim">This packet holds nothing.</p>
      )}
      {!done && rows.length > 0 && rows.every((c) => answer.counts[c].new + answer.counts[c].updated + answer.counts[c].removed === 0) && (
        <p class="lib-dim">You have all of this already: importing changes nothing.</p>
      )}
      {answer.skipped.length > 0 && (
        <details>
          <summary>{answer.skipped.length} item(s) this FrameCoach does not know were skipped</summary>
          <ul>{answer.skipped.map((s) => <li key={s}>{s}</li>)}</ul>
        </details>
      )}
    </div>
  );
}
