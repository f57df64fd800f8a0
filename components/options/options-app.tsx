import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { KeybindingRule } from '../../utils/commands/keybindings';
import type { Command } from '../../utils/commands/registry';
import type { Call } from '../../utils/messaging/client';
import type { Settings } from '../../utils/messaging/contract';
import { KeybindingsEditor } from './keybindings-editor';
import { DOCK_LABELS, PreferencesForm, THEME_LABELS, type PreferenceActions } from './preferences-form';
import { PagePalette, type PageCommand } from '../pages/page-palette';
import { userKeys } from '../pages/page-keys';
import { chordLabel } from '../../utils/commands/keys';
import { PANEL_DOCKS, THEMES, type PanelDock, type Theme } from '../../utils/settings/off-site';

export interface OptionsProps {
  call: Call;
  commands: readonly Command<unknown>[];
  /** Subscribes to settings changes made anywhere (another settings tab, a video tab). */
  onSettingsChange(listener: () => void): () => void;
  saveFile(filename: string, text: string): void;
  /** Opens one of the extension's pages in a tab ('/library.html'). */
  openPage(path: string): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** FrameCoach's settings page: the coach's settings, then the keybindings editor. */
export function OptionsApp({ call, commands, onSettingsChange, saveFile, openPage }: OptionsProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  /**
   * Changes asked for so far. An answer is shown only when no change was asked after its own:
   * a colour picked and then a width, the colour's answer (with the old width) came after the
   * width was picked and put the old width back in the list until the width's own answer came
   * (Firefox under load: the settings read width 3 just after 6 was picked).
   */
  const asked = useRef(0);
  const latest = (answer: Promise<Settings>): Promise<Settings | null> => {
    const mine = asked.current;
    return answer.then((s) => (mine === asked.current ? s : null));
  };
  /**
   * This page's changes not answered yet, and a broadcast heard meanwhile. A change is answered
   * once open tabs have applied it; its broadcast reaches this page first (a tab too), and
   * showing it then said saved while a video tab still had the old speeds. It waits for the answer.
   */
  const inFlight = useRef(0);
  const heardMeanwhile = useRef<(() => void) | null>(null);
  const own = async <T,>(work: () => Promise<T>): Promise<T> => {
    inFlight.current++;
    try {
      return await work();
    } finally {
      inFlight.current--;
      const heard = inFlight.current === 0 ? heardMeanwhile.current : null;
      heardMeanwhile.current = null;
      heard?.();
    }
  };

  useEffect(() => {
    let live = true;
    // Read again on every change rather than trusting each broadcast's copy: answers to two
    // quick changes may cross, and the stored settings are always the newest.
    const load = () =>
      latest(call('settings.get', {}))
        .then((s) => live && s && setSettings(s))
        .catch((e: unknown) => live && setError(`The settings could not be read: ${messageOf(e)}`));
    void load();
    const stop = onSettingsChange(() => {
      if (inFlight.current > 0) heardMeanwhile.current = () => void load();
      else void load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [call, onSettingsChange]);

  const saveKeybindings = async (rules: KeybindingRule[]): Promise<boolean> => {
    try {
      asked.current++;
      const s = await own(() => latest(call('settings.setKeybindings', { rules })));
      if (s) setSettings(s);
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
      asked.current++;
      const s = await own(() => latest(work()));
      if (s) setSettings(s);
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

  const click = (selector: string) => () => document.querySelector<HTMLElement>(selector)?.click();
  const pageCommands: PageCommand[] = [
    { id: 'options.searchKeys', title: 'Search the keyboard shortcuts', category: 'Keybindings', run: () => document.querySelector<HTMLInputElement>('.kb-search')?.focus() },
    { id: 'options.exportKeys', title: 'Export keybindings.json', category: 'Keybindings', run: click('.kb-io .lib-btn') },
    { id: 'options.importKeys', title: 'Import keybindings.json…', category: 'Keybindings', run: click('.kb-io .lib-file') },
    {
      id: 'options.panelDock',
      title: 'Comment panel: where it goes…',
      category: 'Settings',
      argument: { prompt: 'Where should the comment panel go?', empty: 'No places', choices: () => PANEL_DOCKS.map((d) => ({ value: d, label: DOCK_LABELS[d] })) },
      run: (d) => void actions.setPreferences({ panelDock: d as PanelDock }),
    },
    {
      id: 'options.theme',
      title: 'Theme of these pages…',
      category: 'Settings',
      argument: { prompt: 'Pick a theme', empty: 'No themes', choices: () => THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] })) },
      run: (t) => void actions.setPreferences({ theme: t as Theme }),
    },
    { id: 'options.library', title: 'Open the library', category: 'FrameCoach', run: () => openPage('/library.html') },
  ];
  const openKeys = useMemo(() => userKeys(settings?.keybindings ?? []).keysFor('view.palette'), [settings?.keybindings]);

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
      {settings?.syncError && (
        <p class="lib-note" role="status" data-testid="sync-error">
          Saved in this browser, but not synced to your other browsers: {settings.syncError}
        </p>
      )}
      {settings && <PreferencesForm settings={settings} actions={actions} />}
      <KeybindingsEditor commands={commands} rules={settings?.keybindings ?? null} save={saveKeybindings} saveFile={saveFile} />
      {openKeys[0] && <footer class="lib-dim opt-foot">Press {chordLabel(openKeys[0])} for all commands on this page.</footer>}
      <PagePalette commands={pageCommands} openKeys={openKeys} />
    </div>
  );
}
