// The graph legend: one swatch per node kind (shape and colour) and per edge kind (colour and
// dash), for the current theme. A small React component; no core imports.
import { EDGE_KINDS, NODE_KINDS } from './model';
import { shapePath } from './export-svg';
import { EDGE_FORMS, NODE_FORMS, THEMES, type ThemeName } from './styles';

/** Props of the legend. */
export interface GraphLegendProps {
  readonly theme?: ThemeName;
  readonly className?: string;
}

/** The legend of node and edge kinds. */
export function GraphLegend({ theme = 'light', className }: GraphLegendProps) {
  const t = THEMES[theme];
  return (
    <figure className={className} aria-label="Graph legend" style={{ margin: 0, font: '12px system-ui, sans-serif', color: t.label, background: t.background, padding: 8, borderRadius: 4 }}>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 4 }}>
        {NODE_KINDS.map((k) => (
          <li key={k} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <svg width="18" height="18" aria-hidden="true">
              <path d={shapePath(NODE_FORMS[k].shape, 9, 9, 6)} fill={t.nodes[k]} />
            </svg>
            {NODE_FORMS[k].name}
          </li>
        ))}
        {EDGE_KINDS.map((k) => (
          <li key={k} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <svg width="18" height="18" aria-hidden="true">
              <line x1="1" y1="9" x2="17" y2="9" stroke={t.edges[k]} strokeWidth={k === 'escalation' ? 3 : 2} strokeDasharray={EDGE_FORMS[k].dash.join(' ') || undefined} />
            </svg>
            {EDGE_FORMS[k].name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
