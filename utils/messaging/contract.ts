/**
 * The one contract between content scripts (and pages) and the background, which owns the
 * database. Both sides import these types; nothing else crosses the boundary.
 */
import type { SentPart, TableStep } from '../frames/table-reads';
import type { ContextKeys } from '../commands/context';
import type { KeybindingRule } from '../commands/keybindings';
import type { Preferences } from '../settings/off-site';
import type { Annotation, Author, VideoClock, VideoRecord } from '../model/types';
import type { PacketKind, PacketSender, PacketVideo, SenderRole } from '../packets/format';
import type { Counts } from '../packets/plan';
import type { LibraryView, VideoSummary } from '../storage/library';
import type { PacketEntry, SenderStatus } from '../storage/packet-records';

/** The coach's settings, kept by the background and told to every tab when they change. */
export interface Settings {
  author: Author;
  /** What new drawings start with: the coach's last colour, width and playback hold. */
  drawing: DrawingDefaults;
  /** The user's keybinding rules, applied after the defaults (VS Code's keybindings.json: `-id` removes a default). */
  keybindings: readonly KeybindingRule[];
  /** Commands run from the palette, most recent first (listed first when it opens). */
  recentCommands: readonly string[];
  /** Speeds, sites where FrameCoach is off (the settings page). */
  preferences: Preferences;
  /** When a backup of this machine's data was last made (ms since the epoch); absent: never. */
  lastBackupAt?: number;
  /** Why the last change did not reach the browser's sync (this machine's copy is whole); absent: it did, or there is none. Never stored. */
  syncError?: string;
}

export interface DrawingDefaults {
  color: string;
  /** CSS px at a 640 px-wide picture. */
  width: number;
  /** Seconds a drawing stays during playback before it fades. */
  holdSeconds: number;
}

/** What a content script knows about the video it is on. */
export interface VideoFacts {
  frameUrl: string;
  src: string;
  title: string;
  duration: number | null;
  fps: number | null;
  /** What was measured about that rate's clock (frame 0, missing frames, jitter), when it is constant. */
  clock?: VideoClock;
  /** The picture's size in pixels (0 × 0 before the metadata is in: sent as null). */
  width?: number | null;
  height?: number | null;
}

export interface ExportRequest {
  videoId: string;
  /** review (default): everything on the video; reply: only what this installation wrote. */
  kind?: PacketKind;
  recipient?: string | null;
  message?: string;
  /** Default: coach for a review, athlete for a reply. */
  role?: SenderRole;
}

export interface ExportResult {
  filename: string;
  /** The packet file's text (canonical JSON). */
  text: string;
  packetId: string;
  revision: number;
  /** Nothing changed since the last export: the same revision, the same bytes. */
  unchanged: boolean;
  /** A short text for a chat message: title, link, message, what it holds. */
  shareText: string;
  counts: { comments: number; replies: number; drawings: number; acknowledgements: number };
}

/** What a packet would do (preview) or did (import); `ok: false` names the problem, and nothing was written. */
export type ImportAnswer =
  | { ok: false; problem: string }
  | {
      ok: true;
      packetId: string;
      revision: number;
      kind: PacketKind;
      createdAt: number;
      sender: PacketSender;
      senderStatus: SenderStatus;
      fingerprint: string;
      recipient: string | null;
      message: string;
      video: PacketVideo;
      /** This video is here already (its own records or an earlier packet). */
      videoKnown: boolean;
      counts: Counts;
      /** Records of kinds this FrameCoach does not know, skipped. */
      skipped: string[];
      /** Where to open the video: at the first comment's moment where the site allows. */
      openUrl: string;
      /** The first comment's moment (media time), where "open the video" goes. */
      firstTime: number | null;
    };

export interface TabVideo {
  video: VideoRecord;
  summary: VideoSummary | null;
  unread: number;
}

export type ReportFormat = 'html' | 'markdown' | 'csv';

export interface ReportFile {
  filename: string;
  /** MIME type. */
  type: string;
  text: string;
  /** Size in bytes (UTF-8). */
  bytes: number;
}

/** A frame of the report, taken by the page: a JPEG data URL of the frame with its drawings. */
export interface SnapshotIn {
  time: number;
  src: string;
  width: number;
  height: number;
  note: string | null;
}

/**
 * Whose the restored work is here. `same`: this coach's own backup. `adopt`: this
 * installation had written nothing, so it becomes the backup's coach. `other`: both have
 * their own work; the backup's comments come back as someone else's (read-only here).
 */
export type Identity = 'same' | 'adopt' | 'other';

export type RestoreAnswer =
  | { ok: false; problem: string }
  | {
      ok: true;
      createdAt: number;
      author: string;
      identity: Identity;
      counts: Counts;
      videos: number;
      packets: number;
      /** The backup carries the signing key, and this installation takes it. */
      takesKey: boolean;
      /** In words: what restoring does (preview) or did. */
      summary: string[];
    };

export interface BackupStatus {
  lastAt: number | null;
  /** Comments and drawings added or changed since then (all of them when never). */
  changes: number;
}

export interface BackupFile {
  filename: string;
  /** The backup's text (JSON). */
  text: string;
  bytes: number;
  /** The signing key is in it (keys made before backups can't be read out). */
  keyIncluded: boolean;
}

/** Request name → [argument, result]. */
export interface Api {
  /**
   * Identifies the video (the background knows the tab's URL) and records it. Answers with
   * the first page of its annotations; `complete: false` means ask `annotations.list` for
   * the rest (thousands of comments take a while to read; the panel shows before that).
   */
  'video.open': [
    VideoFacts,
    {
      video: VideoRecord;
      annotations: Annotation[];
      complete: boolean;
      /** Records brought by packets and not seen yet. */
      unread: string[];
      /** Packets received for this video (whose layers these are). */
      packets: PacketEntry[];
      /** The library opened this tab to show this moment: go there (media time, seconds). */
      seekTo: number | null;
      /** Packet videos attached to this one (their records are among `annotations`). */
      aliases: string[];
      /** Received packets for a video at another address, as long as this one: offer to attach. */
      candidates: PacketEntry[];
    },
  ];
  /** Shows a packet's records (made on a page at another address) on this video from now on. */
  'packet.attach': [{ packetVideoId: string; videoId: string }, null];
  /** Opens a video in a new tab, at a moment (the overlay seeks there once it loads). */
  'video.show': [{ videoId: string; time?: number | null }, { opened: boolean; url: string }];
  /** Opens one of FrameCoach's own pages in a new tab (the tour from the shortcuts sheet). */
  'page.open': [{ page: OwnPage }, { opened: boolean }];
  /** The video the overlay in tab `tabId` last opened, with its counts (the popup). */
  'tab.video': [{ tabId: number }, TabVideo | null];
  /** Updates what is known about the video (its rate once measured, its size). */
  'video.update': [VideoFacts, VideoRecord | null];
  'video.delete': [{ videoId: string }, { removed: number }];
  /**
   * Every frame's presentation time (seconds, sorted) from an MP4 file's header (`ftyp` and
   * `moov`, as base64), which the content script read with Range requests; null when the
   * header has no frame table this reader follows.
   */
  /** The file's frame table, a read at a time: the parts read so far → the table, or what to read next (utils/frames/frame-table.ts). */
  'frames.table': [{ parts: SentPart[]; size: number | null }, TableStep];
  'packet.export': [ExportRequest, ExportResult];
  'packet.preview': [{ text: string }, ImportAnswer];
  'packet.import': [{ text: string }, ImportAnswer];
  'packets.list': [Record<string, never>, PacketEntry[]];
  'packets.markSeen': [{ videoId: string; ids?: string[] }, null];
  'library.view': [{ query?: string }, LibraryView];
  /** Writes the report (the HTML one from the pictures the page took). Also saves the packet it carries. */
  'report.build': [
    { videoId: string; formats: ReportFormat[]; snapshots: SnapshotIn[]; recipient?: string | null; message?: string },
    { files: ReportFile[] },
  ];
  /** The visible tab as an image (for a video the page can't read); code 'permission' until the user allows it. */
  'tab.capture': [Record<string, never>, { image: string }];
  /** Opens FrameCoach's page that asks for the tab-capture permission. */
  'permission.ask': [Record<string, never>, null];
  'annotations.list': [{ videoId: string }, Annotation[]];
  /** Resolves once the write is durable. `accepted: false` when a newer version was kept. */
  'annotation.save': [{ annotation: Annotation }, { stored: Annotation; accepted: boolean }];
  'videos.recent': [{ limit?: number }, VideoRecord[]];
  /** Everything this machine keeps, as one file; notes when it was made (the library's "last backup"). */
  'backup.export': [Record<string, never>, BackupFile];
  /** What restoring the backup would do; writes nothing. */
  'backup.preview': [{ text: string }, RestoreAnswer];
  /** Merges the backup in (all of it or, on a problem, nothing). */
  'backup.restore': [{ text: string }, RestoreAnswer];
  'backup.status': [Record<string, never>, BackupStatus];
  'settings.get': [Record<string, never>, Settings];
  'settings.setAuthorName': [{ name: string }, Settings];
  'settings.setDrawingDefaults': [Partial<DrawingDefaults>, Settings];
  /** Replaces the user's keybinding rules; refused whole (nothing changes) when any rule is bad. */
  'settings.setKeybindings': [{ rules: KeybindingRule[] }, Settings];
  /** Changes preferences; refused whole, with a message naming the problem, when any value is bad. */
  'settings.setPreferences': [Partial<Preferences>, Settings];
  /** Command `id` was run from the palette: the recent list after it. */
  'commands.used': [{ id: string }, string[]];
  /** The overlay's style sheet: kept out of the content script, which every frame of every page loads. */
  'ui.css': [Record<string, never>, string];
  /** This frame has a video (the context its keys resolve in) or none: told to every frame of the tab. */
  'frame.video': [{ context: ContextKeys | null; size: [number, number] | null }, null];
  /**
   * A key typed in this frame, for the video in frame `frameId` of the same tab; null when this
   * frame has lost the focus (the keys handed over before were all: frame-relay.ts).
   */
  'frame.key': [{ frameId: number; key: KeyPress | null }, { handled: boolean }];
}

/** A key press as handed from one frame to another (what the key handlers read of it). */
export interface KeyPress {
  chord: string;
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /**
   * Typed after a key that opened a comment over there, while the focus was still here: text
   * for that comment, however late it arrives (frame-relay.ts).
   */
  typed?: boolean;
}

export type RequestType = keyof Api;
export type Args<K extends RequestType> = Api[K][0];
export type Result<K extends RequestType> = Api[K][1];

export interface RequestMessage<K extends RequestType = RequestType> {
  readonly framecoach: 1;
  readonly type: K;
  readonly args: Args<K>;
}

export type Reply<K extends RequestType = RequestType> =
  | { readonly ok: true; readonly value: Result<K> }
  | { readonly ok: false; readonly error: string; readonly code?: string };

/** Sent by the background to every tab after a change, so other tabs refresh. */
export interface ChangeMessage {
  readonly framecoach: 1;
  readonly type: 'annotations.changed';
  readonly videoId: string;
  readonly annotations: Annotation[];
  /** Set when the change is a packet's import: its inbox entry (its sender's layer, what is unread). */
  readonly imported?: PacketEntry;
}

/** Sent by the background to every tab and page after the settings change (they apply at once). */
export interface SettingsMessage {
  readonly framecoach: 1;
  readonly type: 'settings.changed';
  readonly settings: Settings;
}

/** What the background tells every tab. */
export type Broadcast = ChangeMessage | SettingsMessage;

export const isRequest = (message: unknown): message is RequestMessage =>
  typeof message === 'object' && message !== null && (message as RequestMessage).framecoach === 1 &&
  typeof (message as RequestMessage).type === 'string' && 'args' in (message as object);

/** Sent by the extension's own pages (the popup) to a tab: run a command over its video, as a key would. */
export interface RunMessage {
  readonly framecoach: 1;
  readonly type: 'ui.run';
  readonly command: string;
}


/** From the background to a tab's frames: frame `frameId` has a video (its context) or none. */
export interface FrameVideoMessage {
  readonly framecoach: 1;
  readonly type: 'frame.video';
  readonly frameId: number;
  readonly context: ContextKeys | null;
  /** The frame's address (as the browser reports it) and its viewport size, CSS px. */
  readonly url: string | null;
  readonly size: [number, number] | null;
}

/** From the background to the frame with the video: a key typed in another frame of the tab (null: no more come from there). */
export interface KeyMessage {
  readonly framecoach: 1;
  readonly type: 'ui.key';
  readonly key: KeyPress | null;
}

const isOurs = (message: unknown, type: string): boolean =>
  typeof message === 'object' && message !== null && (message as { framecoach?: unknown }).framecoach === 1 &&
  (message as { type?: unknown }).type === type;

export const isFrameVideo = (message: unknown): message is FrameVideoMessage => isOurs(message, 'frame.video');
export const isKey = (message: unknown): message is KeyMessage => isOurs(message, 'ui.key');

/** From the popup to a tab's top frame: which site is this (the popup may not read the tab's address)? Answered `{ host }`. */
export interface WhereMessage {
  readonly framecoach: 1;
  readonly type: 'ui.where';
}
export const isWhere = (message: unknown): message is WhereMessage => isOurs(message, 'ui.where');

export const isRun = (message: unknown): message is RunMessage =>
  isOurs(message, 'ui.run') && typeof (message as RunMessage).command === 'string';
export const isChange = (message: unknown): message is ChangeMessage => isOurs(message, 'annotations.changed');
/** FrameCoach's own pages a message may open, and where each is. */
export const OWN_PAGES = { tour: '/welcome.html', library: '/library.html', settings: '/options.html' } as const;
export type OwnPage = keyof typeof OWN_PAGES;

export const isSettingsChange = (message: unknown): message is SettingsMessage => isOurs(message, 'settings.changed');
