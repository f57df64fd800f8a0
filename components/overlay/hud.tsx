import { exactNumbers, type FrameRate } from '../../utils/frames/rate';
import { formatClock, formatFps, formatTimecode, frameIndexAt } from '../../utils/frames/timecode';
import { formatSpeed } from '../../utils/frames/speed';
import type { PlayerState } from '../../utils/player/session';

/** A loop end as the coach knows it: its frame number (a time on variable frame rate). */
function mark(label: string, time: number | null, rate: FrameRate | null): string {
  if (time === null) return `${label} …`;
  if (!exactNumbers(rate)) return `${label} ${formatClock(time)}`;
  return `${label} F${frameIndexAt(time, rate)}`;
}

/** Where the coach is: frame number, timecode with frames, measured rate, speed and loop. */
export function Hud({ state }: { state: PlayerState }) {
  const { time, rate, speed, loopIn, loopOut, busy } = state;
  const frame = time !== null && rate ? frameIndexAt(time, rate) : null;
  const approx = rate && !exactNumbers(rate) ? '≈' : '';
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
        {rate ? `${formatFps(rate.fps)} fps${rate.variable ? ' VFR' : ''}` : 'fps –'}
      </span>
      {Math.abs(speed - 1) > 1e-9 && <span class="fc-badge fc-num">{formatSpeed(speed)}</span>}
      {(loopIn !== null || loopOut !== null) && (
        <span class="fc-badge fc-loop fc-num" title="A–B loop: plays from frame A to frame B and repeats">
          {`Loop ${mark('A', loopIn, rate)} → ${mark('B', loopOut, rate)}`}
        </span>
      )}
      {busy && <span class="fc-busy" title="Seeking" />}
    </div>
  );
}
