import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Call } from '../../utils/messaging/client';
import type { LibraryView } from '../../utils/storage/library';
import type { PacketEntry } from '../../utils/storage/packet-records';
import type { PacketSender } from '../../utils/packets/format';
import type { Importer } from '../../utils/library/importer';
import type { Sender } from '../../utils/annotations/send';
import { useStore } from '../overlay/use-store';
import { SendDialog } from '../packets/send-dialog';
import { ImportBox } from './import-box';
import { BackupBox } from './backup-box';
import { when } from './import-preview';
import { PacketList } from './packet-list';
import { VideoList } from './video-list';
import { PagePalette, type PageCommand } from '../pages/page-palette';
import { usePageKeys } from '../pages/page-keys';
import { keyText } from '../../utils/commands/keys';

export interface LibraryProps {
  call: Call;
  importer: Importer;
  sender: Sender;
  /** The video the send dialog is for, and who reviewed it (the sender reads them). */
  sendFor(videoId: string | null, reviewer: PacketSender | null): void;
  /** Subscribes to changes (imports, saves in other tabs): the view reloads. */
  onChange(listener: () => void): () => void;
  openSettings(): void;
  /** Saves a file the way a download does (the backup). */
  saveFile(filename: string, text: string): void;
}

/** Every video with annotations, search across all comments, the inbox and outbox, import and export. */
export function LibraryApp({ call, importer, sender, sendFor, onChange, openSettings, saveFile }: LibraryProps) {
  const [query, setQuery] = useState('');
  const [view, setView] = useState<LibraryView | null>(null);
  const [packets, setPackets] = useState<PacketEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sendingFor, setSendingFor] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const { current } = useStore(importer.state);
  const sending = useStore(sender.state);

  useEffect(() => onChange(() => setTick((t) => t + 1)), [onChange]);
  useEffect(() => {
    if (current.step === 'done') setTick((t) => t + 1);
  }, [current.step]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      Promise.all([call('library.view', { query }), call('packets.list', {})])
        .then(([v, p]) => {
          if (!live) return;
          setView(v);
          setPackets(p);
          setError(null);
        })
        .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    }, query ? 150 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, tick]);

  const open = (videoId: string, time: number | null = null) =>
    void call('video.show', { videoId, time }).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  const summary = useMemo(() => view?.videos.find((v) => v.videoId === sendingFor) ?? null, [view, sendingFor]);
  const reviewerOf = (videoId: string | null) =>
    packets?.filter((p) => p.direction === 'received' && p.kind === 'review' && p.videoId === videoId).sort((a, b) => b.createdAt - a.createdAt)[0]?.sender ?? null;
  const reviewer = reviewerOf(sendingFor)?.name ?? null;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const keys = usePageKeys(call, tick);
  const openKeys = useMemo(() => keys.keysFor('view.palette'), [keys]);
  const videoChoices = () =>
    (view?.videos ?? []).map((v) => ({ value: v.videoId, label: v.video.title || v.video.pageUrl, detail: [count(v.comments, 'comment'), count(v.drawings, 'drawing')].join(' · ') }));
  const startSend = (videoId: string) => {
    setSendingFor(videoId);
    sendFor(videoId, reviewerOf(videoId));
    sender.open();
  };
  const commands: PageCommand[] = [
    { id: 'library.search', title: 'Search every comment', category: 'Library', run: () => document.querySelector<HTMLInputElement>('.lib-search')?.focus() },
    { id: 'library.import', title: 'Import a packet…', category: 'Packets', run: () => document.querySelector<HTMLInputElement>('.lib-packet-file')?.click() },
    {
      id: 'library.open',
      title: 'Open a video…',
      category: 'Library',
      argument: { prompt: 'Pick a video to open', empty: 'No annotated videos yet', choices: videoChoices },
      run: (videoId) => videoId && open(videoId),
    },
    {
      id: 'library.send',
      title: 'Send feedback for a video…',
      category: 'Packets',
      argument: { prompt: 'Pick the video to send', empty: 'No annotated videos yet', choices: videoChoices },
      run: (videoId) => videoId && startSend(videoId),
    },
    { id: 'library.settings', title: 'Open settings and keyboard shortcuts', category: 'Settings', run: openSettings },
    { id: 'library.backup', title: 'Back up everything', category: 'Backup', run: () => document.querySelector<HTMLButtonElement>('[data-testid="backup-save"]')?.click() },
    { id: 'library.restore', title: 'Restore a backup…', category: 'Backup', run: () => document.querySelector<HTMLInputElement>('.lib-backup-file')?.click() },
  ];

  return (
    <div class="lib">
      <header class="lib-head">
        <h1>FrameCoach library</h1>
        <input
          class="lib-search"
          type="search"
          placeholder="Search every comment"
          aria-label="Search every comment"
          value={query}
          onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
        />
      </header>
      <ImportBox
        current={current}
        actions={{
          choose: (file) => void importer.choose(file),
          confirm: () => void importer.confirm(),
          cancel: importer.cancel,
          openVideo: (videoId) => open(videoId, current.step === 'done' ? current.answer.firstTime : null),
        }}
      />
      <BackupBox call={call} saveFile={saveFile} onRestored={() => setTick((t) => t + 1)} />
      {error && <div class="lib-error" role="alert">{error}</div>}
      {sendingFor && sending.open && summary && (
        <div class="lib-send">
          <p class="lib-dim">Sending “{summary.video.title || summary.video.pageUrl}”</p>
          <SendDialog
            send={sending}
            holds={sending.kind === 'reply' ? null : summary}
            coachName={reviewer}
            actions={{
              set: sender.set,
              send: () => void sender.send().then(() => setTick((t) => t + 1)),
              copy: () => void sender.copyShareText(),
              close: () => {
                sender.close();
                setSendingFor(null);
                sendFor(null, null);
              },
            }}
          />
        </div>
      )}
      {query.trim() && view && (
        <section class="lib-section" aria-label="Search results">
          <h2>Comments matching “{query.trim()}”</h2>
          {view.hits.length === 0 ? (
            <p class="lib-empty">No comment matches.</p>
          ) : (
            <ul class="lib-hits">
              {view.hits.map((hit) => {
                const video = view.videos.find((v) => v.videoId === hit.videoId)?.video;
                return (
                  <li key={hit.id}>
                    <button type="button" class="lib-row-button" onClick={() => open(hit.videoId, hit.time)}>
                      <span class="lib-dim">{video?.title || 'Video'} · {hit.frame !== null ? `F${hit.frame}` : `${hit.time.toFixed(2)} s`} · {hit.author}</span>
                      <span class="lib-hit-text">{hit.text}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
      <section class="lib-section" aria-label="Videos">
        <h2>Videos</h2>
        {view === null ? (
          <p class="lib-dim">Loading…</p>
        ) : (
          <VideoList
            videos={view.videos}
            keys={keys}
            actions={{
              open: (videoId) => open(videoId),
              send: startSend,
              async remove(videoId) {
                const { removed } = await call('video.delete', { videoId });
                setTick((t) => t + 1);
                return removed;
              },
            }}
          />
        )}
      </section>
      <section class="lib-section" aria-label="Inbox">
        <h2>Received packets</h2>
        <PacketList packets={packets?.filter((p) => p.direction === 'received') ?? null} empty="No packets received yet. When someone sends you a .framecoach.json file, import it here." onOpen={(p) => open(p.videoId)} />
      </section>
      <section class="lib-section" aria-label="Sent">
        <h2>Sent packets</h2>
        <PacketList packets={packets?.filter((p) => p.direction === 'sent') ?? null} empty={`Nothing sent yet. Use ${keyText(keys, 'packet.send')} over a video (or Send… below a video here) to save a packet.`} onOpen={(p) => open(p.videoId)} />
      </section>
      <footer class="lib-foot lib-dim">
        Everything here stays on this computer. Last updated {when(Date.now())}.
        {openKeys[0] ? ` Press ${keyText(keys, 'view.palette')} for all commands.` : ''}
      </footer>
      <PagePalette commands={commands} openKeys={openKeys} />
    </div>
  );
}
