import { layerLabel, type Layer } from '../../utils/annotations/layers';

/** The layers on this video (mine, each sender's): a toggle each, shown only when someone else wrote here. */
export function LayerBar({ layers, onToggle }: { layers: readonly Layer[]; onToggle(authorId: string): void }) {
  if (!layers.some((l) => !l.mine)) return null;
  return (
    <div class="fc-layers" role="group" aria-label="Layers">
      {layers.map((layer) => (
        <button
          key={layer.authorId}
          type="button"
          class={['fc-layer', layer.mine ? 'fc-layer-mine' : '', layer.hidden ? 'fc-layer-hidden' : ''].join(' ')}
          aria-pressed={!layer.hidden}
          data-layer={layer.authorId}
          title={`${layer.hidden ? 'Show' : 'Hide'} ${layer.mine ? 'your comments and drawings' : `${layer.name}'s comments and drawings`} (${layer.count})`}
          onClick={() => onToggle(layer.authorId)}
        >
          <span class="fc-layer-eye" aria-hidden="true">{layer.hidden ? '○' : '●'}</span>
          {layerLabel(layer)}
          <span class="fc-dim"> {layer.count}</span>
        </button>
      ))}
    </div>
  );
}
