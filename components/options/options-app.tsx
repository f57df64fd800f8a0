import { useEffect, useState } from 'preact/hooks';
import type { KeybindingRule } from '../../utils/commands/keybindings';
import type { Command } from '../../utils/commands/registry';
import type { Call } from '../../utils/messaging/client';
import type { Settings } from '../../utils/messaging/contract';
import { KeybindingsEditor } from './keybindings-editor';

export interface OptionsProps {
  call: Call;
  commands: readonly Command<unknown>[];
  /** Subscribes to settings changes made anywhere (another settings tab, a video tab). */
  onSettingsChange(listener: () => void): () => void;
  saveFile(filename: string, text: string): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** FrameCoach's settings page: the keybindings editor (and, next, the coach's other settings). */
export function OptionsApp({ call, commands, onSettingsChange, saveFile }: OptionsProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    // Read again on every change rather than trusting each broadcast's copy: answers to two
    // quick changes may cross, and the stored settings are always the newest.
    const load = () =>
      call('settings.get', {})
        .then((s) => live && setSettings(s))
        .catch((e: unknown) => live && setError(`The settings could not be read: ${messageOf(e)}`));
    void load();
    const stop = onSettingsChange(() => void load());
    return () => {
      live = false;
      stop();
    };
  }, [call, onSettingsChange]);

  const saveKeybindings = async (rules: KeybindingRule[]): Promise<boolean> => {
    try {
      setSettings(await call('settings.setKeybindings', { rules }));
      setError(null);
      return true;
    } catch (e) {
      setError(`The shortcuts were not saved: ${messageOf(e)}`);
      return false;
    }
  };

  return (
    <div class="lib opt">
      <header class="lib-head">
        <h1>FrameCoach settings</h1>
      </header>
      {error && (
        <div class="lib-error" role="alert" data-testid="settings-error">
          {error}
          <button type="button" class="lib-link" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {/* The coach's other settings (name on comments, drawing colours…) get their own section here, above the shortcuts. */}
      <KeybindingsEditor commands={commands} rules={settings?.keybindings ?? null} save={saveKeybindings} saveFile={saveFile} />
    </div>
  );
}
