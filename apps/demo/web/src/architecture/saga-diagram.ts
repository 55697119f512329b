import type { SagaDefinitionView, SagaTransitionView } from '../api/edge-api.types';
import { svgEl } from '../dom/element';
import { LABEL_LINE_HEIGHT } from './saga-layout';
import type { SagaLayout, StateEdge, StateNode } from './saga-layout.types';

/**
 * Draws a laid-out saga as SVG. Everything here is drawing; every decision about where things
 * go was made in saga-layout.ts from the orchestrator's own definition.
 */
export function sagaDiagram(definition: SagaDefinitionView, layout: SagaLayout): SVGSVGElement {
  const { x, y, width, height } = layout.viewBox;
  return svgEl(
    'svg',
    {
      class: 'saga-diagram',
      'data-testid': 'saga-diagram',
      viewBox: `${x} ${y} ${width} ${height}`,
      width: Math.round(width),
      role: 'img',
      'aria-labelledby': 'saga-title saga-desc',
    },
    svgEl('title', { id: 'saga-title' }, `${definition.name} saga state diagram`),
    svgEl(
      'desc',
      { id: 'saga-desc' },
      `${definition.states.length} states and ${definition.transitions.length} transitions, starting at ${definition.initial}. The same table is listed as text below the diagram.`,
    ),
    svgEl('defs', {}, arrowMarker('saga-arrow', 'arrow-head'), arrowMarker('saga-arrow-compensation', 'arrow-head arrow-head-compensation')),
    layout.start
      ? svgEl(
          'g',
          { class: 'saga-start' },
          svgEl('circle', { cx: layout.start.at.x, cy: layout.start.at.y, r: 6 }),
          svgEl('path', { d: layout.start.path, 'marker-end': 'url(#saga-arrow)' }),
        )
      : null,
    svgEl('g', { class: 'saga-edges' }, ...layout.edges.map(edgeElement)),
    svgEl('g', { class: 'saga-nodes' }, ...layout.nodes.map(nodeElement)),
  );
}

function arrowMarker(id: string, className: string): SVGMarkerElement {
  return svgEl(
    'marker',
    { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: className }),
  );
}

function edgeElement(edge: StateEdge): SVGGElement {
  const { box, anchor, lines } = edge.label;
  const textX = anchor === 'middle' ? box.x + box.width / 2 : box.x + 4;
  return svgEl(
    'g',
    { class: edge.compensation ? 'saga-edge is-compensation' : 'saga-edge', 'data-edge': `${edge.from}->${edge.to}` },
    svgEl('title', {}, edge.transitions.map(describe).join('\n')),
    svgEl('path', { d: edge.path, 'marker-end': edge.compensation ? 'url(#saga-arrow-compensation)' : 'url(#saga-arrow)' }),
    svgEl(
      'text',
      { class: 'saga-edge-label', 'text-anchor': anchor },
      ...lines.map((line, index) =>
        svgEl(
          'tspan',
          { x: textX, y: box.y + 2 + LABEL_LINE_HEIGHT * (index + 1) - 3, class: line.compensation ? 'is-compensation-line' : null },
          line.text,
        ),
      ),
    ),
  );
}

function nodeElement(node: StateNode): SVGGElement {
  const classes = ['saga-state'];
  if (node.initial) classes.push('is-initial');
  if (node.final) classes.push('is-final');
  if (node.attention) classes.push('is-attention');
  const cx = node.x + node.width / 2;
  const cy = node.y + node.height / 2;
  return svgEl(
    'g',
    { class: classes.join(' '), 'data-state-node': node.name },
    svgEl('rect', { class: 'state-box', x: node.x, y: node.y, width: node.width, height: node.height, rx: 12 }),
    // Final states get a second border, as in UML: nothing moves the checkout on from there.
    node.final ? svgEl('rect', { class: 'state-inner', x: node.x + 4, y: node.y + 4, width: node.width - 8, height: node.height - 8, rx: 9 }) : null,
    svgEl('text', { class: 'state-name', x: cx, y: node.attention ? cy - 3 : cy + 5, 'text-anchor': 'middle' }, node.name),
    node.attention ? svgEl('text', { class: 'state-note', x: cx, y: cy + 14, 'text-anchor': 'middle' }, '⚠ needs attention') : null,
  );
}

export function describe(t: SagaTransitionView): string {
  const guard = t.when ? ` [${t.when}]` : '';
  const sends = t.send.length > 0 ? `; sends ${t.send.join(', ')}` : '';
  const note = t.note ? ` (${t.note})` : '';
  return `${t.from} —${t.event}${guard}→ ${t.to}${sends}${note}`;
}
