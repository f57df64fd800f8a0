import type { PlayerState } from '../../utils/player/session';
import type { Store } from '../../utils/player/store';
import { Help, type CommandInfo } from './help';
import { Hud } from './hud';
import { Toolbar, type CommandRunner } from './toolbar';
import { useStore } from './use-store';

export interface ViewState {
  visible: boolean;
  help: boolean;
}

export interface OverlayProps {
  player: Store<PlayerState>;
  view: Store<ViewState>;
  commands: readonly CommandInfo[];
  runner: CommandRunner;
}

/** Everything FrameCoach draws over a video. */
export function Overlay({ player, view, commands, runner }: OverlayProps) {
  const state = useStore(player);
  const { visible, help } = useStore(view);
  if (!visible) return null;
  const message = state.message;
  return (
    <div class="fc-root">
      <div class="fc-panel" hidden={help}>
        <Hud state={state} />
        <Toolbar state={state} runner={runner} />
        {message?.kind === 'info' && <div class="fc-note">{message.text}</div>}
      </div>
      {message?.kind === 'error' && (
        <div class="fc-message fc-error" role="alert">
          {message.text}
        </div>
      )}
      {help && <Help commands={commands} runner={runner} />}
    </div>
  );
}
