import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { KeyWarning } from '../../utils/commands/conflicts';
import { chordLabel, chordOf } from '../../utils/commands/keys';
import { KeyWarnings } from './key-warnings';

export interface KeyRecorderProps {
  /** The command's title. */
  title: string;
  /** The key being changed, or null when adding one. */
  current: string | null;
  /** What to tell about a key (conflicts, the browser's and sites' keys, a key that can't be bound). */
  warningsFor(chord: string): KeyWarning[];
  /** The command already has this key (in another binding). */
  has(chord: string): boolean;
  onSave(chord: string): void;
  onCancel(): void;
}

/**
 * Records the next key pressed, VS Code style: the key shows with what it clashes with;
 * Enter saves, Esc cancels. With "Enter and Esc are keys" on, those two are recorded too,
 * and focus moves to Save once a key is in (Save and Cancel are buttons as well).
 */
export function KeyRecorder({ title, current, warningsFor, has, onSave, onCancel }: KeyRecorderProps) {
  const [chord, setChord] = useState<string | null>(null);
  const [literal, setLiteral] = useState(false);
  const capture = useRef<HTMLDivElement>(null);
  const save = useRef<HTMLButtonElement>(null);
  // Focused in the same task as the click that opened it: a key pressed right after the click is recorded.
  useLayoutEffect(() => capture.current?.focus(), []);

  const warnings = chord ? warningsFor(chord) : [];
  const unchanged = chord !== null && chord === current;
  const duplicate = chord !== null && !unchanged && has(chord);
  const canSave = chord !== null && !duplicate && !warnings.some((w) => w.kind === 'problem');
  const confirm = () => {
    if (!chord || !canSave) return;
    if (unchanged) onCancel();
    else onSave(chord);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing || event.keyCode === 229) return;
    const next = chordOf(event);
    if (!next) return; // a modifier alone: wait for the key
    event.preventDefault();
    event.stopPropagation();
    if (!literal && next === 'escape') return onCancel();
    if (!literal && next === 'enter') return confirm();
    setChord(next);
    if (literal) setTimeout(() => save.current?.focus());
  };

  const verb = current === null ? `Add a key to ${title}` : `Change the key of ${title}`;
  return (
    <div
      class="kb-recorder"
      role="group"
      aria-label={verb}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && event.target !== capture.current) onCancel();
      }}
    >
      <div class="kb-recorder-main">
        <div
          ref={capture}
          class="kb-capture"
          tabIndex={0}
          role="textbox"
          aria-readonly="true"
          aria-label={`Press the new key for ${title}`}
          aria-describedby="kb-recorder-help"
          data-testid="key-capture"
          onKeyDown={onKeyDown}
        >
          {chord ? <kbd data-chord={chord}>{chordLabel(chord)}</kbd> : <span class="lib-dim">Press a key…</span>}
        </div>
        <div class="lib-buttons">
          <button ref={save} type="button" class="lib-btn lib-primary" disabled={!canSave} onClick={confirm}>
            Save
          </button>
          <button type="button" class="lib-btn" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
      <p id="kb-recorder-help" class="lib-dim">
        {literal ? 'Enter and Esc are recorded as keys: use Save or Cancel.' : 'Enter saves, Esc cancels.'}
        {current !== null && <> Now: <kbd>{chordLabel(current)}</kbd>.</>}
      </p>
      <label class="kb-check">
        <input
          type="checkbox"
          checked={literal}
          onChange={(event) => {
            setLiteral((event.currentTarget as HTMLInputElement).checked);
            capture.current?.focus();
          }}
        />
        Record Enter and Esc as keys
      </label>
      <div role="status" aria-live="polite" class="kb-recorder-status" data-testid="recorder-status">
        {unchanged && <p class="lib-dim">That is its key now.</p>}
        {duplicate && <p class="kb-warning kb-problem">“{title}” has this key already.</p>}
        <KeyWarnings warnings={warnings} />
      </div>
    </div>
  );
}
