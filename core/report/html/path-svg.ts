// Draws an escalation path as inline SVG: one box per principal, top to bottom, an arrow per step
// labelled with its method; conditional steps dashed. Pure: imports only core/model types.
import type { EvidenceStep } from '../../model/finding';
import { htmlEscape } from './escape';

const WIDTH = 640;
const BOX = 40;
const GAP = 46;
const MAX_STEPS = 12;

function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The short name of an ARN (what follows the last `/` or `:`). */
function shortName(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash >= 0 ? arn.slice(slash + 1) || arn : arn.slice(arn.lastIndexOf(':') + 1) || arn;
}

function box(y: number, arn: string): string {
  const name = fit(shortName(arn), 70);
  const full = fit(arn, 100);
  // A tooltip only when the drawing cuts the ARN.
  const title = full === arn ? '' : `<title>${htmlEscape(arn)}</title>`;
  return (
    `<g>${title}<rect x="1" y="${y}" width="${WIDTH - 2}" height="${BOX}" rx="6"/>` +
    `<text x="12" y="${y + 16}" class="n">${htmlEscape(name)}</text>` +
    `<text x="12" y="${y + 32}" class="a">${htmlEscape(full)}</text></g>`
  );
}

function arrow(y: number, s: EvidenceStep): string {
  const x = 40;
  const y2 = y + GAP;
  const cond = s.conditional ? `conditional: ${s.prerequisites.join('; ') || 'conditions must hold'}` : '';
  const perms = s.permissions.join(', ');
  // Full conditions are written below the drawing; the tooltip only repeats what is cut here.
  const cut = fit(s.method, 40) !== s.method || fit(perms, 100) !== perms;
  return (
    `<g${s.conditional ? ' class="c"' : ''}>${cut ? `<title>${htmlEscape(`${s.method} · ${perms}`)}</title>` : ''}` +
    `<line x1="${x}" y1="${y}" x2="${x}" y2="${y2 - 7}"${s.conditional ? ' stroke-dasharray="5 4"' : ''}/>` +
    `<path d="M${x - 5} ${y2 - 8}h10l-5 8z"/>` +
    `<text x="${x + 14}" y="${y + 17}" class="m">${htmlEscape(fit(s.method, 40))}` +
    (cond ? `<tspan class="cd" dx="8">${htmlEscape(fit(cond, 60))}</tspan>` : '') +
    `</text>` +
    (perms ? `<text x="${x + 14}" y="${y + 33}" class="p">${htmlEscape(fit(perms, 100))}</text>` : '') +
    `</g>`
  );
}

/** The SVG of a path (empty string for no steps); at most 12 steps are drawn, the rest is said in words. */
export function pathSvg(steps: readonly EvidenceStep[], label: string): string {
  if (steps.length === 0) return '';
  const drawn = steps.slice(0, MAX_STEPS);
  const nodes = [drawn[0]!.from, ...drawn.map((s) => s.to)];
  const height = nodes.length * BOX + drawn.length * GAP + 2;
  const parts: string[] = [];
  nodes.forEach((arn, i) => {
    const y = 1 + i * (BOX + GAP);
    parts.push(box(y, arn));
    const s = drawn[i];
    if (s) parts.push(arrow(y + BOX, s));
  });
  const more =
    steps.length > MAX_STEPS ? `<p class="more">${steps.length - MAX_STEPS} more steps not drawn.</p>` : '';
  return (
    `<svg class="path" role="img" aria-label="${htmlEscape(label)}" viewBox="0 0 ${WIDTH} ${height}" ` +
    `width="${WIDTH}" height="${height}">${parts.join('')}</svg>${more}`
  );
}
