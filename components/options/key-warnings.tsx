import type { KeyWarning } from '../../utils/commands/conflicts';

const LABEL: Record<KeyWarning['kind'], string> = {
  problem: 'Problem',
  command: 'Conflict',
  browser: 'Browser key',
  site: 'Site key',
};

/**
 * What is wrong with (or worth knowing about) a key, as a list: warnings first, site notes
 * calmer. `compact` (the table) shortens site notes to what the site does.
 */
export function KeyWarnings({ warnings, compact = false }: { warnings: readonly KeyWarning[]; compact?: boolean }) {
  if (!warnings.length) return null;
  return (
    <ul class="kb-warnings">
      {warnings.map((w, i) => (
        <li key={i} class={`kb-warning kb-${w.kind}`} data-kind={w.kind}>
          <span class="kb-sr">{LABEL[w.kind]}: </span>
          <span aria-hidden="true" class="kb-icon">{w.kind === 'site' ? '•' : '⚠'}</span> {compact && w.kind === 'site' ? `${w.site}: ${w.what}` : w.text}
        </li>
      ))}
    </ul>
  );
}
