import type { ComponentChildren } from 'preact';
import type { CommandInfo, KeyWarning } from '../../utils/commands/conflicts';
import { chordLabel } from '../../utils/commands/keys';
import { rowId, type Row } from '../../utils/commands/binding-rows';
import { KeyWarnings } from './key-warnings';

export interface TableActions<C extends CommandInfo> {
  change(row: Row<C>): void;
  add(row: Row<C>): void;
  remove(row: Row<C>): void;
  reset(commandId: string): void;
}

export interface KeybindingsTableProps<C extends CommandInfo> {
  rows: readonly Row<C>[];
  /** What to flag on a row's key. */
  warningsOf(row: Row<C>): KeyWarning[];
  /** The command has user rules (its Reset button shows). */
  customized(commandId: string): boolean;
  actions: TableActions<C>;
  /** The recorder, shown under the row with this id. */
  recorderAt: string | null;
  recorder: ComponentChildren;
  busy: boolean;
}

/** One row per binding (and per command with no key): title, category, key, `when`, source, actions. */
export function KeybindingsTable<C extends CommandInfo>({ rows, warningsOf, customized, actions, recorderAt, recorder, busy }: KeybindingsTableProps<C>) {
  return (
    <table class="kb-table">
      <caption class="kb-sr">Keyboard shortcuts ({rows.length} rows)</caption>
      <thead>
        <tr>
          <th scope="col">Command</th>
          <th scope="col">Category</th>
          <th scope="col">Key</th>
          <th scope="col">When</th>
          <th scope="col">Source</th>
          <th scope="col"><span class="kb-sr">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((row, i) => {
          const id = rowId(row);
          const { command, binding } = row;
          const first = rows[i - 1]?.command.id !== command.id;
          const warnings = warningsOf(row);
          const label = binding ? chordLabel(binding.key) : '';
          const main = (
            <tr key={id} data-row={id} data-command={command.id} data-source={binding?.source ?? 'none'} class={warnings.some((w) => w.kind !== 'site') ? 'kb-flagged' : ''}>
              <th scope="row" class="kb-command">
                <span class="kb-title">{command.title}</span>
                <code class="kb-id">{command.id}</code>
              </th>
              <td class="kb-category">{command.category}</td>
              <td class="kb-key">
                {binding ? <kbd data-chord={binding.key}>{label}</kbd> : <span class="lib-dim">No key</span>}
                {binding?.args !== undefined && <span class="kb-args"> with <code>{binding.args}</code></span>}
                <KeyWarnings warnings={warnings} compact />
              </td>
              <td class="kb-when">
                {binding?.when ? <code>{binding.when}</code> : command.when ? <code class="kb-when-command" title="The command's own condition">{command.when}</code> : <span class="lib-dim">Always</span>}
              </td>
              <td class="kb-source">{binding ? (binding.source === 'user' ? 'User' : 'Default') : <span class="lib-dim">—</span>}</td>
              <td class="kb-actions">
                {binding ? (
                  <>
                    <button type="button" class="lib-btn kb-small" data-focus-command={command.id} disabled={busy} aria-label={`Change key ${label} of ${command.title}`} onClick={() => actions.change(row)}>
                      Change key
                    </button>
                    <button type="button" class="lib-btn kb-small" disabled={busy} aria-label={`Remove key ${label} of ${command.title}`} onClick={() => actions.remove(row)}>
                      Remove
                    </button>
                    {first && (
                      <button type="button" class="lib-btn kb-small" disabled={busy} aria-label={`Add key to ${command.title}`} onClick={() => actions.add(row)}>
                        Add key
                      </button>
                    )}
                  </>
                ) : (
                  <button type="button" class="lib-btn kb-small" data-focus-command={command.id} disabled={busy} aria-label={`Add key to ${command.title}`} onClick={() => actions.add(row)}>
                    Add key
                  </button>
                )}
                {first && customized(command.id) && (
                  <button type="button" class="lib-btn kb-small kb-reset" disabled={busy} aria-label={`Reset ${command.title} to its default keys`} onClick={() => actions.reset(command.id)}>
                    Reset
                  </button>
                )}
              </td>
            </tr>
          );
          if (recorderAt !== id) return [main];
          return [
            main,
            <tr key={`${id}|recorder`} class="kb-recorder-row">
              <td colSpan={6}>{recorder}</td>
            </tr>,
          ];
        })}
      </tbody>
    </table>
  );
}
