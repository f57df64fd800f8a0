/**
 * Importing a packet from an extension page (library, popup): a file is read, the
 * background previews it (from whom, which video, what is new), and only a confirmation
 * writes it. A second file while one is previewed replaces it; cancelling writes nothing.
 */
import type { Call } from '../messaging/client';
import type { ImportAnswer } from '../messaging/contract';
import { LIMITS } from '../packets/format';
import { createStore, type Store } from '../player/store';

export type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; name: string }
  | { step: 'preview'; name: string; text: string; answer: Extract<ImportAnswer, { ok: true }> }
  | { step: 'importing'; name: string; answer: Extract<ImportAnswer, { ok: true }> }
  | { step: 'done'; name: string; answer: Extract<ImportAnswer, { ok: true }> }
  | { step: 'failed'; name: string; problem: string };

export interface Importer {
  readonly state: Store<{ current: ImportState }>;
  /** Reads and previews a file (picked or dropped). */
  choose(file: Pick<File, 'name' | 'size' | 'text'>): Promise<void>;
  confirm(): Promise<boolean>;
  cancel(): void;
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

export function createImporter(call: Call): Importer {
  const state = createStore<{ current: ImportState }>({ current: { step: 'idle' } });
  const set = (current: ImportState) => state.set({ current });
  let turn = 0;

  return {
    state,
    async choose(file) {
      const mine = ++turn;
      if (file.size > LIMITS.htmlChars) {
        set({ step: 'failed', name: file.name, problem: `This file is too big for a packet (${mb(file.size)}; at most ${mb(LIMITS.htmlChars)}). Nothing was imported.` });
        return;
      }
      set({ step: 'reading', name: file.name });
      let text: string;
      try {
        text = await file.text();
      } catch (error) {
        if (mine === turn) set({ step: 'failed', name: file.name, problem: `The file could not be read (${error instanceof Error ? error.message : String(error)}).` });
        return;
      }
      let answer: ImportAnswer;
      try {
        answer = await call('packet.preview', { text });
      } catch (error) {
        answer = { ok: false, problem: error instanceof Error ? error.message : String(error) };
      }
      if (mine !== turn) return; // another file was chosen meanwhile
      set(answer.ok ? { step: 'preview', name: file.name, text, answer } : { step: 'failed', name: file.name, problem: answer.problem });
    },
    async confirm() {
      const current = state.get().current;
      if (current.step !== 'preview') return false;
      const mine = ++turn;
      set({ step: 'importing', name: current.name, answer: current.answer });
      let answer: ImportAnswer;
      try {
        answer = await call('packet.import', { text: current.text });
      } catch (error) {
        answer = { ok: false, problem: error instanceof Error ? error.message : String(error) };
      }
      if (mine !== turn) return answer.ok;
      set(answer.ok ? { step: 'done', name: current.name, answer } : { step: 'failed', name: current.name, problem: answer.problem });
      return answer.ok;
    },
    cancel() {
      turn++;
      set({ step: 'idle' });
    },
  };
}
