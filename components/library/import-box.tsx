import { FileButton } from './file-button';
import type { ImportState } from '../../utils/library/importer';
import { ImportPreview } from './import-preview';

export interface ImportActions {
  choose(file: File): void;
  confirm(): void;
  cancel(): void;
  /** Opens the imported packet's video (at its first comment). */
  openVideo(videoId: string): void;
}

/** Choose a packet file (or drop one on the page), see what it holds, import it or not. */
export function ImportBox({ current, actions, compact = false }: { current: ImportState; actions: ImportActions; compact?: boolean }) {
  return (
    <section class={['lib-import', compact ? 'lib-compact' : ''].join(' ')} aria-label="Import a packet">
      <div class="lib-import-row">
        <FileButton
          label="Import a packet…"
          inputLabel="Packet file"
          inputClass="lib-packet-file"
          accept=".json,.framecoach.json,.html,application/json,text/html"
          primary
          onFile={actions.choose}
        />
        {!compact && <span class="lib-dim">or drop a .framecoach.json file anywhere on this page</span>}
      </div>
      {current.step === 'reading' && <p class="lib-dim" role="status">Reading {current.name}…</p>}
      {current.step === 'failed' && (
        <div class="lib-error" role="alert" data-testid="import-error">
          <strong>{current.name}</strong>: {current.problem}
          <button type="button" class="lib-link" onClick={actions.cancel}>Dismiss</button>
        </div>
      )}
      {(current.step === 'preview' || current.step === 'importing') && (
        <div class="lib-dialog" role="dialog" aria-label={`Import ${current.name}`}>
          <ImportPreview answer={current.answer} done={false} />
          <div class="lib-buttons">
            <button type="button" class="lib-btn lib-primary" disabled={current.step === 'importing'} onClick={actions.confirm} data-testid="import-confirm">
              {current.step === 'importing' ? 'Importing…' : 'Import'}
            </button>
            <button type="button" class="lib-btn" onClick={actions.cancel}>Cancel</button>
            <span class="lib-dim">Nothing is written until you import.</span>
          </div>
        </div>
      )}
      {current.step === 'done' && (
        <div class="lib-dialog lib-done" role="status" data-testid="import-done">
          <p><strong>Imported.</strong></p>
          <ImportPreview answer={current.answer} done />
          <div class="lib-buttons">
            <button type="button" class="lib-btn lib-primary" onClick={() => actions.openVideo(current.answer.video.id)} data-testid="import-open">
              Open the video
            </button>
            <button type="button" class="lib-btn" onClick={actions.cancel}>Close</button>
          </div>
        </div>
      )}
    </section>
  );
}
