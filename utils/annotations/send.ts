/**
 * Sending the video's annotations as a feedback packet, from the overlay: the dialog's state
 * (to whom, the message, review or reply), the export (done by the background: packet code
 * stays out of the content script) and saving the file the browser's way.
 */
import type { Call } from '../messaging/client';
import type { ExportResult } from '../messaging/contract';
import type { PacketKind, PacketSender } from '../packets/format';
import { createStore, type Store } from '../player/store';

export interface SendState {
  open: boolean;
  kind: PacketKind;
  recipient: string;
  message: string;
  busy: boolean;
  /** The last packet saved from this dialog. */
  result: Pick<ExportResult, 'filename' | 'revision' | 'unchanged' | 'shareText' | 'counts'> | null;
  error: string | null;
  /** "Copied" shown after the share text went to the clipboard. */
  copied: boolean;
}

export interface Sender {
  readonly state: Store<SendState>;
  /** Opens the dialog; a reply when someone sent a review for this video (the athlete's side). */
  open(kind?: PacketKind): void;
  close(): void;
  set(patch: Partial<Pick<SendState, 'kind' | 'recipient' | 'message'>>): void;
  send(): Promise<boolean>;
  copyShareText(): Promise<boolean>;
}

export interface SendDeps {
  call: Call;
  /** The video to send (null while it loads). */
  videoId(): string | null;
  /** Who sent a review of this video, if anyone (the athlete replies to them). */
  reviewer(): PacketSender | null;
  /** Saves a file the way the browser downloads one. */
  saveFile(filename: string, text: string): void;
  copyText(text: string): Promise<boolean>;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createSender({ call, videoId: currentVideo, reviewer, saveFile, copyText }: SendDeps): Sender {
  const state = createStore<SendState>({ open: false, kind: 'review', recipient: '', message: '', busy: false, result: null, error: null, copied: false });

  return {
    state,
    open(kind) {
      const coach = reviewer();
      const chosen = kind ?? (coach ? 'reply' : 'review');
      const recipient = chosen === 'reply' && coach ? coach.name : state.get().kind === chosen ? state.get().recipient : '';
      state.set({ open: true, kind: chosen, recipient, result: null, error: null, copied: false });
    },
    close: () => state.set({ open: false, error: null, copied: false }),
    set: (patch) => state.set({ ...patch, result: null, error: null, copied: false }),
    async send() {
      const videoId = currentVideo();
      const s = state.get();
      if (s.busy) return false;
      if (!videoId) {
        state.set({ error: 'This video is still loading: try again in a moment.' });
        return false;
      }
      state.set({ busy: true, error: null, copied: false });
      try {
        const result = await call('packet.export', { videoId, kind: s.kind, recipient: s.recipient, message: s.message });
        saveFile(result.filename, result.text);
        state.set({ busy: false, result });
        return true;
      } catch (error) {
        state.set({ busy: false, error: errorText(error) });
        return false;
      }
    },
    async copyShareText() {
      const result = state.get().result;
      if (!result) return false;
      const ok = await copyText(result.shareText);
      state.set(ok ? { copied: true } : { error: 'The browser did not let FrameCoach copy: select the text below and copy it.' });
      return ok;
    },
  };
}
