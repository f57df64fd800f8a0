import { useEffect, useState } from 'preact/hooks';
import { BUILTIN_COMMANDS } from '../../utils/commands/builtin';
import { createResolver, defaultRules, type KeybindingRule, type KeyResolver } from '../../utils/commands/keybindings';
import type { Call } from '../../utils/messaging/client';

/**
 * The keys bound to FrameCoach's commands, the user's rules included, as over a video: what
 * an extension page names in its texts (`keyText`) and opens its palette with.
 */
export function userKeys(rules: readonly KeybindingRule[]): KeyResolver {
  return createResolver([...defaultRules(BUILTIN_COMMANDS), ...rules]);
}

/**
 * The user's keys on an extension page, read from the settings: the defaults until they come
 * (and if they never do). Read again whenever `reload` changes (the settings changed).
 */
export function usePageKeys(call: Call, reload?: unknown): KeyResolver {
  const [keys, setKeys] = useState(() => userKeys([]));
  useEffect(() => {
    let live = true;
    void call('settings.get', {}).then((s) => live && setKeys(userKeys(s.keybindings)), () => undefined);
    return () => void (live = false);
  }, [reload]);
  return keys;
}
