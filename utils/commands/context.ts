import type { Mode } from '../drawing/tools';
import type { OwnPage } from '../messaging/contract';
import type { ArgumentChoice } from './registry';

/**
 * What a command's `run` receives: the player it acts on and the UI. Interfaces only, so
 * commands stay pure and a test can pass fakes.
 */
export interface PlayerActions {
  /** Steps `frames` frames (negative = back), pausing first if playing. Presses coalesce. */
  step(frames: number): void;
  togglePlay(): void;
  /** One notch slower (-1) or faster (+1) on the speed ladder. */
  changeSpeed(direction: 1 | -1): void;
  resetSpeed(): void;
  /** A speed from the ladder (or any positive rate). */
  setSpeed(rate: number): void;
  /** The speeds slower/faster step through (the coach's setting). */
  speeds(): readonly number[];
  setLoopIn(): void;
  setLoopOut(): void;
  clearLoop(): void;
}

export interface UiActions {
  toggleOverlay(): void;
  toggleFullscreen(): void;
  toggleHelp(): void;
  openPalette(): void;
  closePalette(): void;
  /** Opens the palette asking for command `id`'s argument (a command run by a key without one). */
  pick(id: string): void;
  /** Opens one of FrameCoach's own pages (the tour, the library, the settings) in a tab. */
  openPage(page: OwnPage): Promise<void>;
}

export interface CommentActions {
  /** A comment at the frame on screen; `range` spans the A–B loop when one is set. */
  add(range: boolean): void;
  togglePanel(): void;
  /** Brings back the comment just deleted (the panel's "Comment deleted. Undo"). */
  undo(): void;
  /**
   * The video's comments, as the palette offers them (frame, text): every thread, the reader's
   * own comments and replies (`mine`: what they can edit or delete), or others' (`theirs`: what
   * they can acknowledge).
   */
  choices(which?: 'all' | 'mine' | 'theirs'): ArgumentChoice[];
  /** Shows comment `id`'s frame and selects it in the panel. */
  goTo(id: string): void;
  /** The panel's buttons on one comment (its id): each opens the panel and acts there. */
  edit(id: string): void;
  reply(id: string): void;
  remove(id: string): Promise<void>;
  toggleResolved(id: string): Promise<void>;
  toggleAck(id: string): Promise<void>;
  /** Links the selected drawing to comment `id`. */
  linkDrawing(id: string): Promise<void>;
  /** Shrinks the open panel to its title bar, or opens it out again. */
  toggleCollapsed(): void;
  /** Where the panel goes now (the coach's setting). */
  docked(): string;
  /** Puts the panel beside the picture, or over its right or left edge (a setting: every tab follows). */
  dock(place: string): Promise<void>;
}

export interface DrawingActions {
  /** Picks a drawing tool or Select (null leaves the tool). */
  setTool(tool: Mode | null): void;
  /** Moves the selected drawing (Select) or the keyboard pointer (tools), normalized units. */
  nudge(dx: number, dy: number): void;
  /** A click at the keyboard pointer; with Select, edits the selected label's text. */
  place(): void;
  selectNext(back: boolean): void;
  /** The colour of the selected drawing and of new ones. */
  setColor(color: string): void;
  remove(): void;
  recolor(): void;
  changeWidth(direction: 1 | -1): void;
  /** The next hold on the ladder (0.5, 1, 2, 4 s) for the selected drawing and new ones. */
  cycleHold(): void;
  toggleRange(): void;
  copy(): void;
  paste(): void;
  /** A new comment at the selected drawing's frame, linked to it. */
  comment(): void;
  /** The video's drawings, as the palette offers them (what each is, its frame). */
  choices(): ArgumentChoice[];
  /** Shows drawing `id`'s frame (a timeline mark's click). */
  goTo(id: string): void;
}

export interface PacketActions {
  /** Opens the send dialog (a reply on the athlete's side, a review otherwise). */
  send(): void;
  closeSend(): void;
  /** The send dialog's Save: writes the packet file. */
  savePacket(): Promise<void>;
  /** Copies the saved packet's short text, for a chat message. */
  copyPacketText(): Promise<void>;
  /** Opens the report dialog (HTML with the frames, Markdown, CSV). */
  report(): void;
  closeReport(): void;
  /** Writes the report's files; `blank`: frames the page can't read become blank ones (no tab capture). */
  writeReport(blank: boolean): Promise<void>;
  cancelReport(): void;
  /** Asks the browser to allow tab capture (for frames of a video from another site). */
  allowCapture(): Promise<void>;
  /** The report's written files, to save. */
  reportFiles(): ArgumentChoice[];
  saveReportFile(filename: string): void;
  /** Received packets made at another address that may be of this video ("is it this video?"). */
  offers(): ArgumentChoice[];
  /** Shows the packet (by its video id) on this video from now on. */
  attach(packetVideoId: string): Promise<void>;
  /** Not this video: the offer goes. */
  dismiss(packetVideoId: string): void;
  /** The layers on this video (mine, each sender's), with whether each is shown. */
  layers(): ArgumentChoice[];
  /** Shows or hides one author's comments and drawings. */
  toggleLayer(authorId: string): void;
}

export interface EditActions {
  undo(): void;
  redo(): void;
}

export interface CommandContext {
  readonly player: PlayerActions;
  readonly ui: UiActions;
  readonly comments: CommentActions;
  readonly drawing: DrawingActions;
  readonly edit: EditActions;
  readonly packets: PacketActions;
}

/** Context keys (for `when` clauses) the content script keeps current. */
export interface ContextKeys {
  videoAttached: boolean;
  overlayVisible: boolean;
  paused: boolean;
  looping: boolean;
  helpVisible: boolean;
  commentsOpen: boolean;
  canUndo: boolean;
  toolActive: boolean;
  /** The Select tool is active. */
  selecting: boolean;
  /** A drawing on screen is selected. */
  drawingSelected: boolean;
  canRedo: boolean;
  canPaste: boolean;
  /** The send-feedback dialog is open. */
  sendOpen: boolean;
  /** The report dialog is open. */
  reportOpen: boolean;
  /** The command palette is open. */
  paletteOpen: boolean;
  /** The comment editor is open (writing or editing a comment). */
  editorOpen: boolean;
  /** A comment was just deleted and can be brought back (the panel offers Undo). */
  commentDeleted: boolean;
  /** The focus is in the comment panel. */
  panelFocus: boolean;
  /** Another author's layer (a packet's comments or drawings) is shown. */
  packetLayerShown: boolean;
  /** The page's player shows an ad (FrameCoach stays off it). */
  adPlaying: boolean;
  /** A received packet may be of this video (the "is it this video?" offer shows). */
  packetOffered: boolean;
  /** The send dialog is saving the packet. */
  packetSaving: boolean;
  /** The send dialog saved a packet (its text can be copied). */
  packetSaved: boolean;
  /** The report is being written. */
  reportBusy: boolean;
  /** The report's files are written (each can be saved). */
  reportWritten: boolean;
  /** The report needs tab capture allowed, or blank frames, for a video from another site. */
  reportNeedsCapture: boolean;
  [key: string]: boolean | string | number | null | undefined;
}
