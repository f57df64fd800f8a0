import { useEffect, useState } from 'preact/hooks';
import type { Call } from '../../utils/messaging/client';
import { isOffSite } from '../../utils/settings/off-site';

/** FrameCoach on or off for this tab's site: a switch, applied at once in every tab of the site. */
export function SiteSwitch({ call, host }: { call: Call; host: Promise<string | null> }) {
  const [site, setSite] = useState<string | null>(null);
  const [off, setOff] = useState<readonly string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void host.then(setSite, () => setSite(null));
    void call('settings.get', {}).then((s) => setOff(s.preferences.offSites), () => undefined);
  }, []);
  if (!site || off === null) return null;
  const isOff = isOffSite(site, off);
  const toggle = async () => {
    try {
      // Turning on removes every entry that covers this host (a parent domain too).
      const next = isOff ? off.filter((s) => !isOffSite(site, [s])) : [...off, site];
      setOff((await call('settings.setPreferences', { offSites: next })).preferences.offSites);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div class="pop-site">
      <label>
        <input type="checkbox" checked={!isOff} onChange={() => void toggle()} /> FrameCoach on {site}
      </label>
      {isOff && <span class="lib-dim"> (off: no panel, no keys here)</span>}
      {error && <div class="lib-error" role="alert">{error}</div>}
    </div>
  );
}
