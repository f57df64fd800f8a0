import { useEffect, useState } from 'preact/hooks';
import type { Call } from '../../utils/messaging/client';
import type { BackupStatus, RestoreAnswer } from '../../utils/messaging/contract';
import { when } from './import-preview';
import { FileButton } from './file-button';
import { backupDue } from '../../utils/library/backup-due';


type Step =
  | { step: 'idle' }
  | { step: 'working'; what: string }
  | { step: 'saved'; filename: string; bytes: number; keyIncluded: boolean }
  | { step: 'preview'; name: string; text: string; answer: Extract<RestoreAnswer, { ok: true }> }
  | { step: 'restored'; answer: Extract<RestoreAnswer, { ok: true }> }
  | { step: 'failed'; problem: string };

const size = (bytes: number) => (bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1e3))} KB` : `${(bytes / 1e6).toFixed(1)} MB`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Back up everything to one file, and restore one (preview first). Shows when the last
 * backup was made, and asks for one after a lot of new work.
 */
export function BackupBox({ call, saveFile, onRestored }: { call: Call; saveFile(filename: string, text: string): void; onRestored(): void }) {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [state, setState] = useState<Step>({ step: 'idle' });
  const refresh = () => void call('backup.status', {}).then(setStatus, () => undefined);
  useEffect(refresh, [state.step]);

  async function backUp() {
    setState({ step: 'working', what: 'Writing the backup…' });
    try {
      const file = await call('backup.export', {});
      saveFile(file.filename, file.text);
      setState({ step: 'saved', filename: file.filename, bytes: file.bytes, keyIncluded: file.keyIncluded });
    } catch (error) {
      setState({ step: 'failed', problem: `The backup could not be made: ${message(error)}` });
    }
  }

  async function choose(file: File) {
    setState({ step: 'working', what: `Reading ${file.name}…` });
    try {
      const text = await file.text();
      const answer = await call('backup.preview', { text });
      setState(answer.ok ? { step: 'preview', name: file.name, text, answer } : { step: 'failed', problem: `${file.name}: ${answer.problem} Nothing was changed.` });
    } catch (error) {
      setState({ step: 'failed', problem: `${file.name} could not be read: ${message(error)}` });
    }
  }

  async function restore(text: string) {
    setState({ step: 'working', what: 'Restoring…' });
    try {
      const answer = await call('backup.restore', { text });
      setState(answer.ok ? { step: 'restored', answer } : { step: 'failed', problem: `${answer.problem} Nothing was changed.` });
      if (answer.ok) onRestored();
    } catch (error) {
      setState({ step: 'failed', problem: `The restore failed and nothing was changed: ${message(error)}` });
    }
  }

  const due = backupDue(status);
  const close = () => setState({ step: 'idle' });
  return (
    <section class="lib-section lib-backup" aria-label="Backup">
      <h2>Backup</h2>
      <div class="lib-import-row">
        <button type="button" class={`lib-btn${due ? ' lib-primary' : ''}`} onClick={() => void backUp()} disabled={state.step === 'working'} data-testid="backup-save">
          Back up everything
        </button>
        <FileButton
          label="Restore a backup…"
          inputLabel="Backup file"
          inputClass="lib-backup-file"
          accept=".json,application/json"
          disabled={state.step === 'working'}
          onFile={(file) => void choose(file)}
        />
        <span class={due ? 'lib-warn' : 'lib-dim'} data-testid="backup-status">
          {status === null
            ? ''
            : status.lastAt === null
              ? `No backup yet${status.changes ? ` · ${status.changes} comments and drawings only on this computer` : ''}.`
              : `Last backup ${when(status.lastAt)}${status.changes ? ` · ${plural(status.changes, 'change')} since` : ' · nothing changed since'}.`}
          {due && ' Back up now, so nothing is lost with this browser profile.'}
        </span>
      </div>
      {state.step === 'working' && <p class="lib-dim" role="status">{state.what}</p>}
      {state.step === 'failed' && (
        <div class="lib-error" role="alert" data-testid="backup-error">
          {state.problem}
          <button type="button" class="lib-link" onClick={close}>Dismiss</button>
        </div>
      )}
      {state.step === 'saved' && (
        <div class="lib-dialog lib-done" role="status" data-testid="backup-saved">
          <p>
            <strong>Saved {state.filename}</strong> <span class="lib-dim">({size(state.bytes)})</span>
          </p>
          <p class="lib-dim">
            It holds every video, comment, drawing, packet and setting
            {state.keyIncluded ? ', and your signing key: keep it as safe as a password (whoever has it can send packets as you).' : '.'}
          </p>
          <div class="lib-buttons"><button type="button" class="lib-btn" onClick={close}>Close</button></div>
        </div>
      )}
      {state.step === 'preview' && (
        <div class="lib-dialog" role="dialog" aria-label={`Restore ${state.name}`}>
          <p>
            <strong>{state.name}</strong> <span class="lib-dim">· made {when(state.answer.createdAt)} by {state.answer.author} · {plural(state.answer.videos, 'video')} · {plural(state.answer.packets, 'packet')}</span>
          </p>
          {state.answer.summary.map((line) => <p key={line}>{line}</p>)}
          <div class="lib-buttons">
            <button type="button" class="lib-btn lib-primary" onClick={() => void restore(state.text)} data-testid="backup-restore">Restore</button>
            <button type="button" class="lib-btn" onClick={close}>Cancel</button>
            <span class="lib-dim">Nothing is written until you restore. Nothing newer here is undone.</span>
          </div>
        </div>
      )}
      {state.step === 'restored' && (
        <div class="lib-dialog lib-done" role="status" data-testid="backup-restored">
          <p><strong>Restored.</strong></p>
          {state.answer.summary.map((line) => <p key={line}>{line}</p>)}
          <div class="lib-buttons"><button type="button" class="lib-btn" onClick={close}>Close</button></div>
        </div>
      )}
    </section>
  );
}
