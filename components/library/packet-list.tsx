import type { PacketEntry } from '../../utils/storage/packet-records';
import { when } from './import-preview';

const counts = (p: PacketEntry) =>
  [
    p.counts.comments && `${p.counts.comments} comment${p.counts.comments === 1 ? '' : 's'}`,
    p.counts.replies && `${p.counts.replies} repl${p.counts.replies === 1 ? 'y' : 'ies'}`,
    p.counts.drawings && `${p.counts.drawings} drawing${p.counts.drawings === 1 ? '' : 's'}`,
    p.counts.acknowledgements && `${p.counts.acknowledgements} acknowledgement${p.counts.acknowledgements === 1 ? '' : 's'}`,
    p.counts.removed && `${p.counts.removed} removed`,
  ].filter(Boolean).join(', ');

/** Packets received (from whom, when, which video, what is unread) or sent (to whom, which revision). */
export function PacketList({ packets, empty, onOpen }: { packets: PacketEntry[] | null; empty: string; onOpen(packet: PacketEntry): void }) {
  if (packets === null) return <p class="lib-dim">Loading…</p>;
  if (packets.length === 0) return <p class="lib-empty">{empty}</p>;
  return (
    <ul class="lib-packets">
      {packets.map((p) => (
        <li key={p.key} class="lib-packet" data-packet-id={p.packetId} data-direction={p.direction}>
          <div class="lib-video-main">
            <strong>
              {p.direction === 'received'
                ? `${p.kind === 'reply' ? 'Reply' : 'Feedback'} from ${p.sender.name}`
                : `${p.kind === 'reply' ? 'Reply' : 'Feedback'}${p.recipient ? ` to ${p.recipient}` : ''}`}
            </strong>
            {p.unread.length > 0 && <span class="lib-badge lib-new">{p.unread.length} new</span>}
            {p.senderStatus === 'different' && <span class="lib-badge lib-warn-badge" title="Signed with another key than earlier packets with this name">other key</span>}
            <div class="lib-dim">
              {p.video.title || p.video.pageUrl} · {when(p.createdAt)} · revision {p.revision}
              {counts(p) && ` · ${counts(p)}`}
            </div>
            {p.message && <div class="lib-message-line">“{p.message}”</div>}
          </div>
          <div class="lib-actions">
            <button type="button" class="lib-btn" onClick={() => onOpen(p)}>Open video</button>
          </div>
        </li>
      ))}
    </ul>
  );
}
