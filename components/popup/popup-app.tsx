import { useEffect, useState } from 'preact/hooks';
import type { Call } from '../../utils/messaging/client';
import type { TabVideo } from '../../utils/messaging/contract';
import type { Importer } from '../../utils/library/importer';
import type { LibraryView } from '../../utils/storage/library';
import { useStore } from '../overlay/use-store';
import { SiteSwitch } from './site-switch';
import { ImportBox } from '../library/import-box';
import { usePageKeys } from '../pages/page-keys';
import { keyText } from '../../utils/commands/keys';

/** The toolbar button's panel: this tab's video, recent videos, import a packet, the library. */
export function PopupApp({ call, importer, tabId, openLibrary, runInTab, fileAccess, site }: {
  call: Call;
  /** The tab's site (its top page's host), as its content script says; null where FrameCoach can't run. */
  site: Promise<string | null>;
  /** Whether FrameCoach may run on files opened from this computer (file://). */
  fileAccess: Promise<boolean>;
  importer: Importer;
  tabId: number | null;
  openLibrary(): void;
  /** Runs a command over the tab's video (as its key would); false when it did not run. */
  runInTab(command: string): Promise<boolean>;
}) {
  const [here, setHere] = useState<TabVideo | null | undefined>(undefined);
  const [recent, setRecent] = useState<LibraryView['videos'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState(true);
  useEffect(() => void fileAccess.then(setFiles, () => undefined), []);
  const { current } = useStore(importer.state);
  const keys = usePageKeys(call);
  const send = keyText(keys, 'packet.send');
  // The palette can't show FrameCoach again: with no key for that, the text just says to.
  const toggle = keyText(keys, 'view.toggleOverlay', '');
  const show = toggle && ` (${toggle})`;
  useEffect(() => {
    (tabId === null ? Promise.resolve(null) : call('tab.video', { tabId })).then(setHere, () => setHere(null));
    call('library.view', {}).then((v) => setRecent(v.videos.slice(0, 5)), (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [current.step === 'done']);
  const open = (videoId: string, time: number | null = null) =>
    void call('video.show', { videoId, time }).then(() => window.close(), (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  return (
    <div class="pop">
      <header class="pop-head">
        <strong>FrameCoach</strong>
        <button type="button" class="lib-btn" onClick={openLibrary}>Open the library</button>
      </header>
      <SiteSwitch call={call} host={site} />
      <section aria-label="This tab">
        {here === undefined ? (
          <p class="lib-dim">…</p>
        ) : here === null ? (
          <>
            <p class="lib-dim">No video with FrameCoach in this tab. Open a page with a video: the FrameCoach panel appears over it.</p>
            {!files && (
              <p class="lib-dim" data-testid="popup-file-access">
                For videos on this computer (file://), turn on <em>Allow access to file URLs</em> in FrameCoach's details
                (chrome://extensions), then reload the video's tab.
              </p>
            )}
          </>
        ) : (
          <div class="pop-here" data-testid="popup-here">
            <div class="pop-title">{here.video.title || here.video.pageUrl}</div>
            <div class="lib-dim">
              {here.summary?.comments ?? 0} comments · {here.summary?.drawings ?? 0} drawings · {here.summary?.unresolved ?? 0} open
              {here.unread > 0 && ` · ${here.unread} new`}
            </div>
            <div class="lib-buttons">
              <button
                type="button"
                class="lib-btn"
                onClick={async () => {
                  if (!(await runInTab('packet.send'))) setError(`The video in this tab is not ready: show the FrameCoach panel${show} and use ${send} over it.`);
                }}
              >
                Send a packet…
              </button>
              <span class="lib-dim">or {send} over the video</span>
            </div>
          </div>
        )}
      </section>
      <ImportBox
        compact
        current={current}
        actions={{
          choose: (file) => void importer.choose(file),
          confirm: () => void importer.confirm(),
          cancel: importer.cancel,
          openVideo: (videoId) => open(videoId, current.step === 'done' ? current.answer.firstTime : null),
        }}
      />
      {error && <div class="lib-error" role="alert">{error}</div>}
      <section aria-label="Recent videos">
        <h2 class="pop-h2">Recent</h2>
        {recent === null ? (
          <p class="lib-dim">…</p>
        ) : recent.length === 0 ? (
          <p class="lib-empty">No annotated videos yet.</p>
        ) : (
          <ul class="pop-recent">
            {recent.map((v) => (
              <li key={v.videoId}>
                <button type="button" class="lib-row-button" onClick={() => open(v.videoId)}>
                  <span class="pop-title">{v.video.title || v.video.pageUrl}</span>
                  <span class="lib-dim">{v.comments} comments · {v.drawings} drawings</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
