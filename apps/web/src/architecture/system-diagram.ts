import { el, svgEl } from '../dom/element';
import { exitPoint, linePath, type Point } from './geometry';
import { SYSTEM_LINKS, SYSTEM_NODES, type SystemLink, type SystemNode } from './system-map';

const centre = (node: SystemNode): Point => ({ x: node.x + node.width / 2, y: node.y + node.height / 2 });

/** The cluster at a glance: processes, broker and stores, with how they talk. */
export function systemDiagram(): HTMLElement {
  const nodes = new Map(SYSTEM_NODES.map((node) => [node.id, node]));
  const svg = svgEl(
    'svg',
    { class: 'system-diagram', viewBox: '0 0 1000 476', role: 'img', 'aria-labelledby': 'system-title system-desc' },
    svgEl('title', { id: 'system-title' }, 'The checkout cluster'),
    svgEl(
      'desc',
      { id: 'system-desc' },
      'The browser talks HTTP to bff-web, which starts checkouts at checkout-orchestrator and follows them through a read-only queue on RabbitMQ. The orchestrator, catalog-svc and payments-svc exchange events through RabbitMQ; each keeps its own schema in Postgres. payments-svc calls the provider sandbox over HTTP, and the sandbox answers with signed webhooks.',
    ),
    ...SYSTEM_LINKS.map((link) => linkElement(link, nodes)),
    ...SYSTEM_NODES.map(nodeElement),
  );
  return el(
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
}

function linkElement(link: SystemLink, nodes: ReadonlyMap<string, SystemNode>): SVGGElement {
  const from = nodes.get(link.from) as SystemNode;
  const to = nodes.get(link.to) as SystemNode;
  const [start, end] = link.vertical ? verticalEnds(from, to) : [exitPoint(from, centre(to)), exitPoint(to, centre(from))];
  const along = link.labelAt ?? 0.35;
  const at = { x: start.x + (end.x - start.x) * along, y: start.y + (end.y - start.y) * along };
  return svgEl(
    'g',
    { class: `system-link link-${link.kind}` },
    svgEl('path', { d: linePath(start, end) }),
    link.label ? svgEl('text', { x: at.x + 6, y: at.y - 6, class: 'link-label' }, link.label) : null,
  );
}

/** A straight drop from the narrower box to the facing edge of the wide one. */
function verticalEnds(a: SystemNode, b: SystemNode): [Point, Point] {
  const x = centre(a.width <= b.width ? a : b).x;
  return a.y < b.y ? [{ x, y: a.y + a.height }, { x, y: b.y }] : [{ x, y: a.y }, { x, y: b.y + b.height }];
}

function nodeElement(node: SystemNode): SVGGElement {
  const { x, y } = centre(node);
  return svgEl(
    'g',
    { class: `system-node node-${node.kind}`, 'data-system-node': node.id },
    svgEl('rect', { x: node.x, y: node.y, width: node.width, height: node.height, rx: node.kind === 'store' ? 18 : 10 }),
    svgEl('text', { x, y: y - 4, 'text-anchor': 'middle', class: 'node-label' }, node.label),
    svgEl('text', { x, y: y + 15, 'text-anchor': 'middle', class: 'node-detail' }, node.detail),
  );
}
