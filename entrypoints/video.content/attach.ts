import css from '../../components/overlay/overlay.css?inline';
import { mountOverlay } from '../../components/overlay/mount';
import type { ViewState } from '../../components/overlay/overlay';
import type { CommandRunner } from '../../components/overlay/toolbar';
import type { CommandInfo } from '../../components/overlay/help';
import { createOverlayHost, type OverlayHost } from '../../utils/dom/overlay-host';
import { createSession, type PlayerSession } from '../../utils/player/session';
import type { Store } from '../../utils/player/store';
import type { SiteAdapter } from '../../utils/sites/types';

export interface Attached {
  readonly session: PlayerSession;
  readonly host: OverlayHost;
  detach(): void;
}

/** Puts FrameCoach on one video: the frame engine, the overlay over its picture, the UI. */
export function attachTo(
  video: HTMLVideoElement,
  site: SiteAdapter,
  view: Store<ViewState>,
  commands: readonly CommandInfo[],
  runner: CommandRunner,
): Attached {
  const session = createSession(video);
  const host = createOverlayHost(video, css, (v) => site.overlayParent?.(v) ?? null);
  const unmount = mountOverlay(host.frame, { player: session.state, view, commands, runner });
  // Test and debugging hooks: what the HUD shows, readable without piercing the shadow root.
  const publish = () => {
    const s = session.state.get();
    host.host.dataset.time = s.time === null ? '' : String(s.time);
    host.host.dataset.busy = String(s.busy);
    host.host.dataset.fps = s.rate ? String(s.rate.fps) : '';
    host.host.dataset.variable = s.rate ? String(s.rate.variable) : '';
    host.host.dataset.stepMs = s.lastStepMs === null ? '' : s.lastStepMs.toFixed(2);
    host.host.dataset.message = s.message?.text ?? '';
  };
  const unsubscribe = session.state.subscribe(publish);
  publish();
  return {
    session,
    host,
    detach() {
      unsubscribe();
      unmount();
      host.dispose();
      session.dispose();
    },
  };
}
