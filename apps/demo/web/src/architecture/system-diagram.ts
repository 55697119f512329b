import type { LiveTopologyView } from '@checkout/contracts/views';
import { el, svgEl } from '../dom/element';
import { exitPoint, linePath, type Point } from './geometry';
import { linkFigure, nodeFigure } from './live-figures';
import { SYSTEM_LINKS, SYSTEM_NODES, type SystemLink, type SystemNode } from './system-map';

const centre = (node: SystemNode): Point => ({ x: node.x + node.width / 2, y: node.y + node.height / 2 });

export interface SystemDiagram {
  readonly element: HTMLElement;
  /** Writes the live figures into the drawing (null: none yet). */
  show(view: LiveTopologyView | null): void;
}

/**
 * The cluster at a glance: processes, broker and stores, with how they talk. Drawn once; the
 * live figures (readiness, replicas, rates) are text and attributes updated in place.
 */
export function systemDiagram(): SystemDiagram {
  const nodes = new Map(SYSTEM_NODES.map((node) => [node.id, node]));
  const links = SYSTEM_LINKS.map((link) => linkElement(link, nodes));
  const boxes = SYSTEM_NODES.map(nodeElement);
  const svg = svgEl(
    'svg',
    { class: 'system-diagram', viewBox: '0 0 1000 476', role: 'img', 'aria-labelledby': 'system-title system-desc' },
    svgEl('title', { id: 'system-title' }, 'The checkout cluster'),
    svgEl(
      'desc',
      { id: 'system-desc' },
      'The browser talks HTTP to bff-web, which starts checkouts at checkout-orchestrator and follows them through a read-only queue on RabbitMQ. The orchestrator, catalog-svc and payments-svc exchange events through RabbitMQ; each keeps its own schema in Postgres. payments-svc calls the provider sandbox over HTTP, and the sandbox answers with signed webhooks. Each service shows whether it is ready and how many replicas run; each arrow its current rate.',
    ),
    ...links.map((link) => link.element),
    ...boxes.map((box) => box.element),
    // Rates last, over the boxes: a short link's label may reach past its ends.
    ...links.flatMap((link) => (link.overlay ? [link.overlay] : [])),
  );
  const element = el(
    'figure',
    { class: 'diagram-figure' },
    el('div', { class: 'diagram-scroll' }, svg),
    el(
      'figcaption',
      { class: 'legend' },
      el('span', { class: 'legend-item legend-http' }, 'HTTP'),
      el('span', { class: 'legend-item legend-amqp' }, 'messages through RabbitMQ'),
      el('span', { class: 'legend-item legend-data' }, 'data store'),
    ),
  );
  return {
    element,
    show(view) {
      for (const box of boxes) box.show(view);
      for (const link of links) link.show(view);
    },
  };
}

interface LivePart<E extends SVGElement> {
  readonly element: E;
  /** Drawn above everything else. */
  readonly overlay?: SVGElement;
  show(view: LiveTopologyView | null): void;
}

function linkElement(link: SystemLink, nodes: ReadonlyMap<string, SystemNode>): LivePart<SVGGElement> {
  const from = nodes.get(link.from) as SystemNode;
  const to = nodes.get(link.to) as SystemNode;
  const [start, end] = link.vertical ? verticalEnds(from, to) : [exitPoint(from, centre(to)), exitPoint(to, centre(from))];
  const along = link.labelAt ?? 0.35;
  const at = { x: start.x + (end.x - start.x) * along, y: start.y + (end.y - start.y) * along };
  const id = `${link.from}-${link.to}`;
  // Beside the label point (under the name, if any), or centred under a short line.
  const rateAt = link.rateBelow
    ? { x: at.x, y: at.y + 16, 'text-anchor': 'middle' }
    : { x: at.x + 6, y: link.label ? at.y + 8 : at.y + 4 };
  const rateText = link.rate ? svgEl('text', { ...rateAt, class: 'link-rate', 'data-rate-of': id }) : undefined;
  const element = svgEl(
    'g',
    { class: `system-link link-${link.kind}`, 'data-link': id },
    svgEl('path', { d: linePath(start, end) }),
    link.label ? svgEl('text', { x: at.x + 6, y: at.y - 6, class: 'link-label' }, link.label) : null,
  );
  return {
    element,
    overlay: rateText,
    show(view) {
      if (!link.rate || !rateText) return;
      const figure = linkFigure(view, link.rate);
      rateText.textContent = figure?.text ?? '';
      if (figure?.perSecond != null) element.setAttribute('data-rate', String(figure.perSecond));
      else element.removeAttribute('data-rate');
    },
  };
}

/** A straight drop from the narrower box to the facing edge of the wide one. */
function verticalEnds(a: SystemNode, b: SystemNode): [Point, Point] {
  const x = centre(a.width <= b.width ? a : b).x;
  return a.y < b.y ? [{ x, y: a.y + a.height }, { x, y: b.y }] : [{ x, y: a.y }, { x, y: b.y + b.height }];
}

function nodeElement(node: SystemNode): LivePart<SVGGElement> {
  const { x, y } = centre(node);
  const live = node.service !== undefined;
  // Services have a third line for their live status, so their two fixed lines sit higher.
  const top = live ? y - 12 : y - 4;
  const status = svgEl('text', { x, y: y + 26, 'text-anchor': 'middle', class: 'node-status' });
  const dot = svgEl('circle', { cx: node.x + node.width - 12, cy: node.y + 12, r: 5, class: 'node-dot' });
  const element = svgEl(
    'g',
    { class: `system-node node-${node.kind}`, 'data-system-node': node.id },
    svgEl('rect', { x: node.x, y: node.y, width: node.width, height: node.height, rx: node.kind === 'store' ? 18 : 10 }),
    svgEl('text', { x, y: top, 'text-anchor': 'middle', class: 'node-label' }, node.label),
    svgEl('text', { x, y: top + 19, 'text-anchor': 'middle', class: 'node-detail' }, node.detail),
    live ? status : null,
    live ? dot : null,
  );
  return {
    element,
    show(view) {
      if (!node.service) return;
      const figure = nodeFigure(view, node.service);
      status.textContent = figure.text;
      const state = figure.ready === null ? 'unknown' : figure.ready ? 'ready' : 'down';
      element.setAttribute('data-ready', state);
      dot.setAttribute('class', `node-dot is-${state}`);
      if (figure.replicas !== null) element.setAttribute('data-replicas', String(figure.replicas));
      else element.removeAttribute('data-replicas');
    },
  };
}
