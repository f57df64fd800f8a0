import { chordLabel } from '../../utils/commands/keys';
import { formatSpeed } from '../../utils/frames/speed';
import type { PlayerState } from '../../utils/player/session';
import { Icon, type IconName } from './icons';

export interface CommandRunner {
  /** Runs a command as its key would (with its argument, if it takes one). */
  run(id: string, arg?: string): void;
  title(id: string): string;
  keysFor(id: string): readonly string[];
  /** Whether the command's `when` holds now: its button is disabled otherwise (the palette and keys agree). */
  enabled(id: string): boolean;
}

/** A button that runs command `id`; `label` names it instead of the command's title. */
export function Button({ id, runner, icon, text, label, pressed, expanded }: {
  id: string; runner: CommandRunner; icon?: IconName; text?: string; label?: string; pressed?: boolean; expanded?: boolean;
}) {
  const keys = runner.keysFor(id);
  const hint = keys.length ? ` (${keys.map(chordLabel).join(', ')})` : '';
  const name = (label ?? runner.title(id)) + hint;
  return (
    <button
      type="button"
      class="fc-btn"
      data-command={id}
      title={name}
      aria-label={name}
      aria-pressed={pressed}
      aria-expanded={expanded}
      // Enabled exactly when the command's `when` holds, as its keys and the palette are.
      disabled={!runner.enabled(id)}
      // Keep focus (and keys) with the page: a click must not steal them.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => runner.run(id)}
    >
      {icon && <Icon name={icon} />}
      {text}
    </button>
  );
}

/** The mouse path to the same commands the keys run. */
export function Toolbar({ state, runner }: { state: PlayerState; runner: CommandRunner }) {
  const looping = state.loopIn !== null || state.loopOut !== null;
  return (
    <div class="fc-tools" role="toolbar" aria-label="FrameCoach">
      <Button id="frame.back10" runner={runner} icon="back10" />
      <Button id="frame.previous" runner={runner} icon="prev" />
      <Button id="playback.toggle" runner={runner} icon={state.paused ? 'play' : 'pause'} />
      <Button id="frame.next" runner={runner} icon="next" />
      <Button id="frame.forward10" runner={runner} icon="fwd10" />
      <span class="fc-sep" />
      <Button id="playback.slower" runner={runner} text="−" />
      <span class="fc-speed fc-num" title="Playback speed">
        {formatSpeed(state.speed)}
      </span>
      <Button id="playback.faster" runner={runner} text="+" />
      <span class="fc-sep" />
      <Button id="loop.setIn" runner={runner} text="A" pressed={state.loopIn !== null} />
      <Button id="loop.setOut" runner={runner} text="B" pressed={state.loopOut !== null} />
      {looping && <Button id="loop.clear" runner={runner} icon="close" />}
      <span class="fc-sep" />
      <Button id="comment.add" runner={runner} icon="comment" />
      <Button id="comment.togglePanel" runner={runner} icon="list" />
      <Button id="draw.tool.select" runner={runner} icon="draw" />
      <Button id="packet.send" runner={runner} icon="send" />
      <span class="fc-sep" />
      <Button id="view.fullscreen" runner={runner} icon="fullscreen" />
      <Button id="view.help" runner={runner} text="?" />
      <Button id="view.toggleOverlay" runner={runner} text="Hide" />
    </div>
  );
}
