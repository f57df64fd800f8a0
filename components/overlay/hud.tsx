import { exactNumbers, type FrameRate } from '../../utils/frames/rate';
import { formatClock, formatFps, formatTimecode, frameIndexAt } from '../../utils/frames/timecode';
import { formatSpeed } from '../../utils/frames/speed';
import type { PlayerState } from '../../utils/player/session';
import { playerAgrees } from '../../utils/sites/player-fps';

/** The rate badge: measured, or the player's until then; a disagreement with the player is flagged. */
function rateBadge(rate: FrameRate | null, player: number | null): { text: string; title: string; warn: boolean } {
  const agrees = playerAgrees(rate?.fps, player);
  if (!rate) {
    return player
      ? { text: `≈${player} fps`, title: `The site's player says ${player} fps (rounded): measured on the first step or while playing`, warn: false }
      : { text: 'fps –', title: 'Measured on the first step or while playing', warn: false };
  }
  if (rate.estimated) {
    const counted = rate.counted === undefined ? '' : `${rate.counted.toFixed(1)} a second counted`;
    const length = rate.frameLength === undefined ? 'no frame could be measured' : `one frame measured ${(rate.frameLength * 1000).toFixed(1)} ms`;
    const title = `Estimated from the frames decoded while playing (${counted ? `${counted}; ` : ''}${length}). This browser doesn't report each frame: frame numbers are estimates`;
    return { text: `≈${formatFps(rate.fps)} fps`, title, warn: true };
  }
  const text = `${formatFps(rate.fps)} fps${rate.variable ? ' VFR' : ''}`;
  if (agrees === false) return { text: `${text} ≠ ${player}`, title: `Measured ${formatFps(rate.fps)} fps, but the site's player says ${player} fps`, warn: true };
  const base = rate.variable ? 'Variable frame rate: average shown' : 'Measured frame rate';
  return { text, title: agrees ? `${base} (the site's player says ${player})` : base, warn: rate.variable };
}

/** A loop end as the coach knows it: its frame number (a time on variable frame rate). */
function mark(label: string, time: number | null, rate: FrameRate | null): string {
  if (time === null) return `${label} …`;
  if (!exactNumbers(rate)) return `${label} ${formatClock(time)}`;
  return `${label} F${frameIndexAt(time, rate)}`;
}

/** Where the coach is: frame number, timecode with frames, measured rate, speed and loop. */
export function Hud({ state }: { state: PlayerState }) {
  const { time, rate, speed, loopIn, loopOut, busy } = state;
  const badge = rateBadge(rate, state.playerFps);
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
      <span class={badge.warn ? 'fc-badge fc-warn fc-rate' : 'fc-badge fc-rate'} title={badge.title}>
        {badge.text}
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
