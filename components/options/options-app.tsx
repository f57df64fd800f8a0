import { useEffect, useState } from 'preact/hooks';
import type { KeybindingRule } from '../../utils/commands/keybindings';
import type { Command } from '../../utils/commands/registry';
import type { Call } from '../../utils/messaging/client';
import type { Settings } from '../../utils/messaging/contract';
import { KeybindingsEditor } from './keybindings-editor';
import { PreferencesForm, type PreferenceActions } from './preferences-form';

export interface OptionsProps {
  call: Call;
  commands: readonly Command<unknown>[];
  /** Subscribes to settings changes made anywhere (another settings tab, a video tab). */
  onSettingsChange(listener: () => void): () => void;
  saveFile(filename: string, text: string): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** FrameCoach's settings page: the coach's settings, then the keybindings editor. */
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

  /** A change on the form: the stored settings back, or the reason it was refused (shown, nothing changed). */
  const change = (what: string) => async (work: () => Promise<Settings>): Promise<boolean> => {
    try {
      setSettings(await work());
      setError(null);
      return true;
    } catch (e) {
      setError(`${what} not saved: ${messageOf(e)}`);
      return false;
    }
  };
  const actions: PreferenceActions = {
    rename: (name) => change('Your name was')(() => call('settings.setAuthorName', { name })),
    setDrawing: (patch) => change('The drawing settings were')(() => call('settings.setDrawingDefaults', patch)),
    setPreferences: (patch) => change('The settings were')(() => call('settings.setPreferences', patch)),
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
      {settings && <PreferencesForm settings={settings} actions={actions} />}
      <KeybindingsEditor commands={commands} rules={settings?.keybindings ?? null} save={saveKeybindings} saveFile={saveFile} />
    </div>
  );
}
