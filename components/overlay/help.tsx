import { chordLabel, keyText } from '../../utils/commands/keys';
import type { CommandRunner } from './toolbar';

export interface CommandInfo {
  id: string;
  title: string;
  category: string;
  /** Other commands whose keys this row shows too (one row for a family of commands). */
  also?: readonly string[];
}

/** Every command with its keys, grouped by category: the cheat sheet behind `?`. */
export function Help({ commands: all, runner }: { commands: readonly CommandInfo[]; runner: CommandRunner }) {
  // The keys in force: a command without one (or whose keys the user removed) is in the palette.
  const keysOf = (c: CommandInfo) => [c.id, ...(c.also ?? [])].flatMap((id) => runner.keysFor(id));
  const commands = all.filter((c) => keysOf(c).length > 0);
  const categories = [...new Set(commands.map((c) => c.category))];
  return (
    <div class="fc-help" role="dialog" aria-label="FrameCoach keyboard shortcuts">
      <h2>
        Keyboard shortcuts
        <button type="button" class="fc-btn fc-close" onClick={() => runner.run('view.help')} title={`Close (${keyText(runner, 'view.closeHelp', 'no key')})`}>
          Close {runner.keysFor('view.closeHelp').slice(0, 1).map((k) => <kbd key={k}>{chordLabel(k)}</kbd>)}
        </button>
      </h2>
      <div class="fc-help-columns">
      {categories.map((category) => (
        <section key={category}>
          <h3>{category}</h3>
          <table>
            {commands
              .filter((c) => c.category === category)
              .map((c) => (
                <tr key={c.id}>
                  <td>{c.title}</td>
                  <td>
                    {keysOf(c).map((k) => (
                      <kbd key={k}>{chordLabel(k)}</kbd>
                    ))}
                  </td>
                </tr>
              ))}
          </table>
        </section>
      ))}
      </div>
      <p class="fc-dim">
        Every command, with a key or not: the palette ({keyText(runner, 'view.palette', 'no key')}). Change any key on FrameCoach's settings page. New here?{' '}
        <button type="button" class="fc-link" onClick={() => runner.run('view.tour')}>
          Take the tour
        </button>
      </p>
    </div>
  );
}
