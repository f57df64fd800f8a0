import { formatFps, formatTimecode, frameIndexAt } from '../../utils/frames/timecode';
import { formatSpeed } from '../../utils/frames/speed';
import type { PlayerState } from '../../utils/player/session';

/** Where the coach is: frame number, timecode with frames, measured rate, speed and loop. */
export function Hud({ state }: { state: PlayerState }) {
  const { time, rate, speed, loopIn, loopOut, busy } = state;
  const frame = time !== null && rate ? frameIndexAt(time, rate.fps) : null;
  const approx = rate?.variable ? '≈' : '';
  const tc = rate && !rate.variable ? rate.fps : null;
  return (
    <div class="fc-hud" role="status" aria-live="off">
      <span class="fc-frameno fc-num" title="Frame number">
        <span class="fc-label">F</span>
        {frame === null ? '—' : approx + frame}
      </span>
      <span class="fc-num" title="Timecode (minutes:seconds:frames)">
        {time === null ? '--:--:--' : formatTimecode(time, tc)}
      </span>
      <span
        class={rate?.variable ? 'fc-badge fc-warn' : 'fc-badge'}
        title={rate ? (rate.variable ? 'Variable frame rate: average shown' : 'Measured frame rate') : 'Measured on the first step or while playing'}
      >
        {rate ? `${formatFps(rate.fps)} fps${rate.variable ? ' VFR' : ''}` : 'fps ?'}
      </span>
      {Math.abs(speed - 1) > 1e-9 && <span class="fc-badge fc-num">{formatSpeed(speed)}</span>}
      {(loopIn !== null || loopOut !== null) && (
        <span class="fc-badge fc-loop fc-num" title="A–B loop">
          {`A ${loopIn === null ? '…' : formatTimecode(loopIn, tc)} → B ${loopOut === null ? '…' : formatTimecode(loopOut, tc)}`}
        </span>
      )}
      {busy && <span class="fc-busy" title="Seeking" />}
    </div>
  );
}
