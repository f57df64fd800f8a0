import { useEffect, useRef, useState } from 'preact/hooks';
import type { KeybindingRule } from '../../utils/commands/keybindings';
import { keybindingsFileText, parseKeybindingsFile, type FileProblem, type KnownCommands } from '../../utils/commands/keybindings-file';

export interface KeybindingsIoProps {
  /** The user's rules now. */
  rules: readonly KeybindingRule[];
  commands: KnownCommands;
  /** Stores new rules; false when the background refused them (the page says why). */
  save(rules: KeybindingRule[]): Promise<boolean>;
  saveFile(filename: string, text: string): void;
  busy: boolean;
}

export const FILENAME = 'keybindings.json';

const where = (p: FileProblem) => (p.entry === null ? `Line ${p.line}` : `Line ${p.line}, entry ${p.entry}`);

/** Export and import keybindings.json (VS Code's shape), and Reset all (asked here, in the page). */
export function KeybindingsIo({ rules, commands, save, saveFile, busy }: KeybindingsIoProps) {
  const input = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<{ name: string; problems: FileProblem[] } | null>(null);
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState(false);
  const resetButton = useRef<HTMLButtonElement>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);

  const importFile = async (file: File) => {
    setStatus('');
    setRefused(null);
    const parsed = parseKeybindingsFile(await file.text(), commands);
    if (!parsed.ok) return setRefused({ name: file.name, problems: parsed.problems });
    if (await save(parsed.rules)) setStatus(`Imported ${parsed.rules.length} ${parsed.rules.length === 1 ? 'rule' : 'rules'} from ${file.name}.`);
  };

  return (
    <div class="kb-io">
      <div class="lib-buttons">
        <button
          ref={exportButton}
          type="button"
          class="lib-btn"
          onClick={() => {
            saveFile(FILENAME, keybindingsFileText(rules));
            setStatus(`Saved ${FILENAME} (${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}).`);
          }}
        >
          Export keybindings.json
        </button>
        <button type="button" class="lib-btn" disabled={busy} onClick={() => input.current?.click()}>
          Import keybindings.json…
        </button>
        <input
          ref={input}
          class="lib-file"
          type="file"
          accept=".json,.jsonc,application/json"
          aria-label="Keybindings file to import"
          data-testid="keybindings-file"
          onChange={(event) => {
            const el = event.currentTarget as HTMLInputElement;
            const file = el.files?.[0];
            el.value = '';
            if (file) void importFile(file);
          }}
        />
        <button ref={resetButton} type="button" class="lib-btn lib-danger-outline" disabled={busy || confirming || rules.length === 0} onClick={() => setConfirming(true)}>
          Reset all…
        </button>
      </div>
      {confirming && (
        <div class="lib-dialog kb-confirm" role="group" aria-label="Reset all keyboard shortcuts">
          <p>
            Reset every keyboard shortcut to FrameCoach's defaults? Your {rules.length} {rules.length === 1 ? 'rule goes' : 'rules go'}. Export them first to keep a copy.
          </p>
          <div class="lib-buttons">
            <button
              type="button"
              class="lib-btn lib-danger"
              ref={yes}
              onClick={async () => {
                setConfirming(false);
                exportButton.current?.focus();
                if (await save([])) setStatus('Every shortcut is back to its default.');
              }}
            >
              Yes, reset all
            </button>
            <button
              type="button"
              class="lib-btn"
              onClick={() => {
                setConfirming(false);
                setTimeout(() => resetButton.current?.focus());
              }}
            >
              Keep my shortcuts
            </button>
          </div>
        </div>
      )}
      {refused && (
        <div class="lib-error kb-problems" role="alert" data-testid="import-problems">
          <p>
            <strong>{refused.name}</strong> was not imported (nothing changed):
          </p>
          <ul>
            {refused.problems.map((p, i) => (
              <li key={i}>
                {where(p)}: {p.message}
              </li>
            ))}
          </ul>
          <button type="button" class="lib-link" onClick={() => setRefused(null)}>
            Dismiss
          </button>
        </div>
      )}
      <p class="lib-dim kb-status" role="status">
        {status}
      </p>
    </div>
  );
}
