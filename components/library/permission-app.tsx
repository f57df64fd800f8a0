import { useEffect, useState } from 'preact/hooks';

/**
 * Asks for the one optional permission: capturing the visible tab, for a report's frames of a
 * video the page won't let FrameCoach read (another site serves it). Only a click here asks.
 */
export function PermissionApp({ request, granted, done }: { request(): Promise<boolean>; granted(): Promise<boolean>; done(): void }) {
  const [state, setState] = useState<'ask' | 'granted' | 'refused'>('ask');
  useEffect(() => {
    void granted().then((yes) => yes && setState('granted'));
  }, []);
  return (
    <main class="pop" style={{ width: 'auto', maxWidth: '460px' }}>
      <h1 class="pop-h2" style={{ fontSize: '16px' }}>Allow FrameCoach to capture the tab?</h1>
      <p>
        This video comes from another site, so the page does not let FrameCoach read its picture. To put its frames in
        your report, FrameCoach can capture the visible tab, hiding its own panel while it does. The pictures go only
        into the report you save.
      </p>
      <p class="lib-dim">Your browser will ask you to confirm. You can take it back any time in the extension's settings.</p>
      {state === 'granted' ? (
        <p role="status">
          Allowed. Go back to the video and make the report again.{' '}
          <button type="button" class="lib-btn" onClick={done}>Close</button>
        </p>
      ) : (
        <div class="lib-buttons">
          <button
            type="button"
            class="lib-btn lib-primary"
            onClick={async () => setState((await request().catch(() => false)) ? 'granted' : 'refused')}
          >
            Allow tab capture
          </button>
          <button type="button" class="lib-btn" onClick={done}>Not now</button>
          {state === 'refused' && <span class="lib-error" role="alert">Not allowed: the report will show these frames blank, with the drawings on them.</span>}
        </div>
      )}
    </main>
  );
}
