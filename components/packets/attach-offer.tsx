import type { PacketEntry } from '../../utils/storage/packet-records';
import type { CommandRunner } from '../overlay/toolbar';


const day = (ms: number) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

/**
 * A received packet made on a page at another address, for a video as long as this one:
 * "is it this video?" Attaching shows its comments and drawings here from now on.
 */
export function AttachOffer({ candidates, runner }: { candidates: readonly PacketEntry[]; runner: CommandRunner }) {
  const first = candidates[0];
  if (!first) return null;
  return (
    <div class="fc-offer" role="alertdialog" aria-label="Show a packet on this video?">
      <div>
        <strong>{first.sender.name || 'Someone'}</strong>’s feedback of {day(first.createdAt)} on “{first.video.title || 'a video'}” is for a
        video at another address, as long as this one. Is it this video?
      </div>
      <div class="fc-offer-buttons">
        <button type="button" class="fc-btn fc-primary" onClick={() => runner.run('packet.attach', first.videoId)}>Show it on this video</button>
        <button type="button" class="fc-btn" onClick={() => runner.run('packet.dismiss', first.videoId)}>Not this one</button>
      </div>
    </div>
  );
}
