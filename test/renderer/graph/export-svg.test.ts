// SVG export of the view: labels escaped, only what is on screen, the highlighted path written.
import { describe, expect, it } from 'vitest';
import { escapeXml, exportSvg } from '../../../renderer/graph/export-svg';
import { buildScene } from '../../../renderer/graph/scene';
import { THEMES } from '../../../renderer/graph/styles';
import type { GraphInput } from '../../../renderer/graph/model';

const hostile: GraphInput = {
  nodes: [
    { id: 'a', kind: 'user', label: 'carol <ops> & "friends"' },
    { id: 'b', kind: 'role', label: '</text><script>alert(1)</script>' },
    { id: 'c', kind: 'group', label: "it's\u0001 far away" },
  ],
  edges: [{ source: 'a', target: 'b', kind: 'escalation', method: 'iam:<Pass>Role' }],
};

function svgOf(input: GraphInput, highlight = false): string {
  const scene = buildScene(input);
  const positions = Float32Array.from([10, 10, 60, 10, 5000, 5000]);
  const radii = Float32Array.from([10, 10, 10]);
  return exportSvg({
    scene,
    positions,
    radii,
    view: { x: 0, y: 0, k: 1 },
    width: 200,
    height: 100,
    theme: THEMES.light,
    highlight: highlight ? { steps: [{ s: 0, t: 1, method: 'iam:<Pass>Role' }], progress: 1, nodes: new Set([0, 1]) } : null,
  });
}

describe('escapeXml', () => {
  it('escapes the five XML special characters and drops control characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>\u0000\u001f`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });
});

describe('exportSvg', () => {
  it('writes labels escaped, never raw markup', () => {
    const svg = svgOf(hostile);
    expect(svg).toContain('carol &lt;ops&gt; &amp; &quot;friends&quot;');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
    expect(svg).not.toContain('<script>');
  });

  it('writes only the nodes in view', () => {
    const svg = svgOf(hostile);
    expect(svg).not.toContain('far away');
    expect(svg.match(/class="node-/g)).toHaveLength(2);
  });

  it('writes the highlighted path with its escaped method name, dimming the rest', () => {
    const svg = svgOf(hostile, true);
    expect(svg).toContain('1. iam:&lt;Pass&gt;Role');
    expect(svg).toContain(`opacity="${THEMES.light.dimAlpha}"`);
  });

  it('is a well-formed SVG root element', () => {
    const svg = svgOf(hostile);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
