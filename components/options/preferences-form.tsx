import { useEffect, useState } from 'preact/hooks';
import { WIDTHS } from '../../utils/drawing/edit';
import { PALETTE, PALETTE_NAMES } from '../../utils/drawing/colors';
import { formatSpeed } from '../../utils/frames/speed';
import type { DrawingDefaults, Settings } from '../../utils/messaging/contract';
import { PANEL_DOCKS, THEMES, type PanelDock, type Preferences, type Theme } from '../../utils/settings/off-site';

const HOLDS = [0, 0.5, 1, 2, 4] as const;
export const DOCK_LABELS: Record<PanelDock, string> = {
  beside: 'beside the picture (over it when the page has no room)',
  right: 'over the picture, right',
  left: 'over the picture, left',
};
export const THEME_LABELS: Record<Theme, string> = { system: 'as the system', light: 'light', dark: 'dark' };

export interface PreferenceActions {
  rename(name: string): Promise<boolean>;
  setDrawing(patch: Partial<DrawingDefaults>): Promise<boolean>;
  setPreferences(patch: Partial<Preferences>): Promise<boolean>;
}

/** "0.25, 0.5x, 1" → [0.25, 0.5, 1]; NaN for what is not a number (the background says why). */
const readSpeeds = (text: string) =>
  text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((s) => Number(s.replace(/x$/i, '')));

/** The coach's settings: name on comments, what new drawings look like, speeds, the comment panel, the theme, sites where FrameCoach is off. */
export function PreferencesForm({ settings, actions }: { settings: Settings; actions: PreferenceActions }) {
  const [name, setName] = useState(settings.author.name);
  const [speeds, setSpeeds] = useState(settings.preferences.speeds.join(', '));
  const [site, setSite] = useState('');
  // Another tab changed them: show what is stored.
  useEffect(() => setName(settings.author.name), [settings.author.name]);
  useEffect(() => setSpeeds(settings.preferences.speeds.join(', ')), [settings.preferences.speeds.join(',')]);
  const { drawing, preferences } = settings;
  const addSite = async () => {
    if (site.trim() && (await actions.setPreferences({ offSites: [...preferences.offSites, site] }))) setSite('');
  };
  return (
    <section class="lib-section opt-prefs" aria-labelledby="opt-prefs-title">
      <h2 id="opt-prefs-title">Settings</h2>
      <form
        class="opt-row"
        onSubmit={(event) => {
          event.preventDefault();
          void actions.rename(name);
        }}
      >
        <label for="opt-name">Your name on comments and packets</label>
        <input id="opt-name" value={name} maxLength={80} onInput={(e) => setName((e.target as HTMLInputElement).value)} onBlur={() => name !== settings.author.name && void actions.rename(name)} />
      </form>
      <fieldset class="opt-row">
        <legend>New drawings</legend>
        <div class="opt-swatches" role="radiogroup" aria-label="Colour of new drawings">
          {PALETTE.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={drawing.color === c}
              aria-label={PALETTE_NAMES[c]}
              title={PALETTE_NAMES[c]}
              class="opt-swatch"
              style={{ background: c }}
              onClick={() => void actions.setDrawing({ color: c })}
            />
          ))}
        </div>
        <label>
          Width{' '}
          <select value={String(drawing.width)} onChange={(e) => void actions.setDrawing({ width: Number((e.target as HTMLSelectElement).value) })}>
            {[...new Set([...WIDTHS, drawing.width])].sort((a, b) => a - b).map((w) => (
              <option key={w} value={String(w)}>{w} px</option>
            ))}
          </select>
        </label>
        <label>
          Shown during playback for{' '}
          <select value={String(drawing.holdSeconds)} onChange={(e) => void actions.setDrawing({ holdSeconds: Number((e.target as HTMLSelectElement).value) })}>
            {[...new Set([...HOLDS, drawing.holdSeconds])].sort((a, b) => a - b).map((h) => (
              <option key={h} value={String(h)}>{h === 0 ? 'its frame only' : `${h} s`}</option>
            ))}
          </select>
        </label>
      </fieldset>
      <form
        class="opt-row"
        onSubmit={(event) => {
          event.preventDefault();
          void actions.setPreferences({ speeds: readSpeeds(speeds) });
        }}
      >
        <label for="opt-speeds">Speeds for Slower and Faster</label>
        <input id="opt-speeds" value={speeds} onInput={(e) => setSpeeds((e.target as HTMLInputElement).value)} aria-describedby="opt-speeds-now" />
        <button type="submit" class="lib-btn">Save speeds</button>
        <span id="opt-speeds-now" class="lib-dim">Now: {preferences.speeds.map(formatSpeed).join(' · ')}</span>
      </form>
      <div class="opt-row">
        <label>
          Comment panel{' '}
          <select value={preferences.panelDock} onChange={(e) => void actions.setPreferences({ panelDock: (e.target as HTMLSelectElement).value as PanelDock })}>
            {PANEL_DOCKS.map((d) => (
              <option key={d} value={d}>{DOCK_LABELS[d]}</option>
            ))}
          </select>
        </label>
        <label>
          Theme of these pages{' '}
          <select value={preferences.theme} onChange={(e) => void actions.setPreferences({ theme: (e.target as HTMLSelectElement).value as Theme })}>
            {THEMES.map((t) => (
              <option key={t} value={t}>{THEME_LABELS[t]}</option>
            ))}
          </select>
        </label>
      </div>
      <div class="opt-row">
        <span id="opt-sites-title">FrameCoach is off on</span>
        {preferences.offSites.length === 0 ? (
          <span class="lib-dim">no site: it works on every page with a video.</span>
        ) : (
          <ul class="opt-sites" aria-labelledby="opt-sites-title">
            {preferences.offSites.map((s) => (
              <li key={s}>
                {s}{' '}
                <button type="button" class="lib-link" aria-label={`Turn FrameCoach back on for ${s}`} onClick={() => void actions.setPreferences({ offSites: preferences.offSites.filter((x) => x !== s) })}>
                  Turn back on
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          class="opt-inline"
          onSubmit={(event) => {
            event.preventDefault();
            void addSite();
          }}
        >
          <input aria-label="Site to turn FrameCoach off on (e.g. www.example.com)" placeholder="www.example.com" value={site} onInput={(e) => setSite((e.target as HTMLInputElement).value)} />
          <button type="submit" class="lib-btn">Turn off there</button>
        </form>
      </div>
    </section>
  );
}
