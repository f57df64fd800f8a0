import type { ReportState } from '../../utils/annotations/report-export';
import type { ReportFormat } from '../../utils/messaging/contract';
import { fileSize } from '../../utils/report/file-size';

export interface ReportActions {
  setFormat(format: ReportFormat, on: boolean): void;
  make(blankWhenUnreadable?: boolean): void;
  cancel(): void;
  save(filename: string): void;
  askPermission(): void;
  close(): void;
}

const FORMATS: [ReportFormat, string][] = [
  ['html', 'HTML report with the frames'],
  ['markdown', 'Markdown (for an email or a chat)'],
  ['csv', 'CSV (for a spreadsheet)'],
];


/** A report anyone can open: choose the kinds, make it (progress, Cancel), see the sizes, save each file. */
export function ReportDialog({ report, actions, closeKey }: {
  report: ReportState;
  actions: ReportActions;
  /** The key bound to closing it now (`report.close`), for the ✕'s tooltip; none, no key named. */
  closeKey?: string;
}) {
  const { progress, files } = report;
  const close = closeKey ? `Close (${closeKey})` : 'Close';
  return (
    <section class="fc-send fc-report" role="dialog" aria-label="Report">
      <h2>
        Report
        <button type="button" class="fc-btn fc-close" onClick={actions.close} aria-label={close} title={close}>✕</button>
      </h2>
      <div class="fc-send-kind">
        {FORMATS.map(([format, label]) => (
          <label key={format}>
            <input type="checkbox" checked={report.formats[format]} disabled={report.busy} onChange={(e) => actions.setFormat(format, (e.target as HTMLInputElement).checked)} /> {label}
          </label>
        ))}
      </div>
      <p class="fc-dim">The HTML opens anywhere: each comment with its frame and drawings, and the measurements.</p>
      {progress ? (
        <div class="fc-progress" role="status">
          <progress value={progress.done} max={Math.max(1, progress.total)} />
          <span>Frame {Math.min(progress.done + 1, progress.total)} of {progress.total}</span>
          <button type="button" class="fc-btn" onClick={actions.cancel}>Cancel</button>
        </div>
      ) : (
        <div class="fc-editor-buttons">
          <span class="fc-dim" />
          <button type="button" class="fc-btn fc-primary fc-make" disabled={report.busy} onClick={() => actions.make()}>{report.busy ? 'Writing…' : 'Make report'}</button>
        </div>
      )}
      {report.needsPermission && (
        <div class="fc-editor-error" role="alert">
          This video comes from another site: FrameCoach can capture the tab instead, once you allow it.
          <div class="fc-editor-buttons">
            <button type="button" class="fc-btn" onClick={actions.askPermission}>Allow tab capture…</button>
            <button type="button" class="fc-btn" onClick={() => actions.make(true)}>Make it with blank frames</button>
          </div>
        </div>
      )}
      {report.error && <div class="fc-editor-error" role="alert">{report.error}</div>}
      {files && (
        <ul class="fc-files" role="status">
          {files.map((f) => (
            <li key={f.filename}>
              <span class="fc-file-name">{f.filename}</span> <span class="fc-dim">{fileSize(f.bytes)}</span>{' '}
              <button type="button" class="fc-btn fc-primary" data-file={f.filename} onClick={() => actions.save(f.filename)}>
                {report.saved.includes(f.filename) ? 'Saved ✓' : 'Save'}
              </button>
            </li>
          ))}
          {report.notes.map((n) => <li key={n} class="fc-dim">{n}</li>)}
        </ul>
      )}
    </section>
  );
}
