import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { bindingsInForce, keyWarnings, type Binding } from '../../utils/commands/conflicts';
import { defaultRules, type KeybindingRule } from '../../utils/commands/keybindings';
import { knownCommands } from '../../utils/commands/keybindings-file';
import type { Command } from '../../utils/commands/registry';
import { rowId, searchRows, type Row } from '../../utils/commands/binding-rows';
import { KeybindingsIo } from './keybindings-io';
import { KeybindingsTable } from './keybindings-table';
import { KeyRecorder } from './key-recorder';
import { addKey, changeKey, hasUserRules, removeBinding, resetCommand } from '../../utils/commands/rule-edits';

export interface KeybindingsEditorProps {
  commands: readonly Command<unknown>[];
  /** The user's rules; null while they load. */
  rules: readonly KeybindingRule[] | null;
  /** Stores new rules (the page re-renders from what the background answers); false when refused. */
  save(rules: KeybindingRule[]): Promise<boolean>;
  saveFile(filename: string, text: string): void;
}

interface Recording {
  /** The row the recorder shows under. */
  at: string;
  command: Command<unknown>;
  /** The binding whose key changes; null to add a key. */
  binding: Binding | null;
}

/** The "Keyboard shortcuts" section: search, the table, the key recorder, import and export. */
export function KeybindingsEditor({ commands, rules, save, saveFile }: KeybindingsEditorProps) {
  const [query, setQuery] = useState('');
  const [recording, setRecording] = useState<Recording | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusCommand, setFocusCommand] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);

  const user = rules ?? [];
  const defaults = useMemo(() => defaultRules(commands), [commands]);
  const known = useMemo(() => knownCommands(commands), [commands]);
  const bindings = useMemo(() => bindingsInForce(defaults, user), [defaults, user]);
  const rows = useMemo(() => searchRows(query, commands, bindings), [query, commands, bindings]);

  useEffect(() => {
    if (!focusCommand || busy) return;
    section.current?.querySelector<HTMLElement>(`[data-focus-command="${focusCommand}"]`)?.focus();
    setFocusCommand(null);
  }, [focusCommand, busy, rows]);

  const store = async (next: KeybindingRule[], focus: string | null = null): Promise<boolean> => {
    setBusy(true);
    setFocusCommand(focus);
    try {
      return await save(next);
    } finally {
      setBusy(false);
    }
  };
  const warningsFor = (chord: string, command: Command<unknown>, when?: string) =>
    keyWarnings(chord, { command: command.id, ...(when ? { when } : {}) }, bindings, commands);
  const record = (row: Row<Command<unknown>>, binding: Binding | null) => setRecording({ at: rowId(row), command: row.command, binding });

  const recorder = recording && (
    <KeyRecorder
      key={recording.at}
      title={recording.command.title}
      current={recording.binding?.key ?? null}
      warningsFor={(chord) => warningsFor(chord, recording.command, recording.binding?.when)}
      has={(chord) => bindings.some((b) => b.command === recording.command.id && b.key === chord && b !== recording.binding)}
      onCancel={() => {
        setRecording(null);
        setFocusCommand(recording.command.id);
      }}
      onSave={(chord) => {
        setRecording(null);
        const { binding, command } = recording;
        void store(binding ? changeKey(user, binding, chord) : addKey(user, command.id, chord), command.id);
      }}
    />
  );

  return (
    <section class="lib-section kb" aria-labelledby="kb-heading" ref={section}>
      <h2 id="kb-heading">Keyboard shortcuts</h2>
      <p class="lib-dim">
        Your changes are rules applied after FrameCoach's defaults, as in VS Code's keybindings.json: they apply at once in every tab.
      </p>
      <div class="kb-toolbar">
        <input
          class="lib-search kb-search"
          type="search"
          aria-label="Search keyboard shortcuts"
          placeholder="Search by command, category, id or key (shift+f)"
          value={query}
          onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
        />
        <KeybindingsIo rules={user} commands={known} save={(next) => store(next)} saveFile={saveFile} busy={busy || rules === null} />
      </div>
      {rules === null ? (
        <p class="lib-dim">Loading…</p>
      ) : rows.length === 0 ? (
        <p class="lib-empty" role="status">No command or key matches “{query.trim()}”.</p>
      ) : (
        <>
          <p class="lib-dim kb-count" aria-live="polite">
            {query.trim() ? `${rows.length} matching ${rows.length === 1 ? 'row' : 'rows'}` : `${commands.length} commands`}
          </p>
          <KeybindingsTable
            rows={rows}
            warningsOf={({ command, binding }) => (binding ? warningsFor(binding.key, command, binding.when) : [])}
            customized={(id) => hasUserRules(user, id)}
            busy={busy}
            recorderAt={recording?.at ?? null}
            recorder={recorder}
            actions={{
              change: (row) => record(row, row.binding),
              add: (row) => record(row, null),
              remove: (row) => row.binding && void store(removeBinding(user, row.binding), row.command.id),
              reset: (id) => void store(resetCommand(user, id), id),
            }}
          />
        </>
      )}
    </section>
  );
}
