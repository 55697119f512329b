import type { MessageRow } from '../api/edge-api.types';
import { el, sourceLink } from '../dom/element';
import { formatOffsetMs, offsetMs } from '../format/time';
import { describeRoute, describeTransition, type LaneCell, laneCells, PARTICIPANTS } from './choreography';

const MARK_TEXT: Readonly<Record<LaneCell['mark'], string>> = {
  sender: 'sends',
  receiver: 'receives',
  self: 'sends to itself',
  through: '',
  none: '',
};

/**
 * The "Behind the scenes" table: one row per message that crossed the cluster. Rows are kept
 * by id and only moved when their order changes, so a row never flickers (or loses focus on
 * its link) as new ones arrive; plain DOM is enough for a few dozen rows.
 */
export class ChoreographyTable {
  readonly element: HTMLTableElement;
  private readonly body = el('tbody');
  private readonly rows = new Map<string, { tr: HTMLTableRowElement; time: HTMLTimeElement }>();
  private readonly empty = el(
    'tr',
    { class: 'empty-row' },
    el('td', { colspan: PARTICIPANTS.length + 4 }, 'Press Pay: every message of your checkout appears here as it crosses the cluster.'),
  );

  constructor(
    private readonly repoBase: () => string | null,
    /** Opens the trace view with this message's spans marked. */
    private readonly showTrace: (messageType: string) => void = () => undefined,
  ) {
    this.element = el(
      'table',
      { class: 'choreography', 'data-testid': 'choreography' },
      el('caption', { class: 'visually-hidden' }, 'Messages of your checkout, in the order they happened'),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col', class: 'col-message' }, 'Message'),
          ...PARTICIPANTS.map((p) => el('th', { scope: 'col', class: 'col-lane' }, p.label)),
          el('th', { scope: 'col' }, 'Transition'),
          el('th', { scope: 'col', class: 'col-time' }, 'Time'),
          el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Source')),
        ),
      ),
      this.body,
    );
    this.body.append(this.empty);
  }

  update(rows: readonly MessageRow[]): void {
    if (rows.length === 0) {
      this.rows.clear();
      this.body.replaceChildren(this.empty);
      return;
    }
    this.empty.remove();
    const first = rows[0].at;
    rows.forEach((row, index) => {
      const entry = this.rows.get(row.id) ?? this.create(row);
      entry.time.textContent = formatOffsetMs(offsetMs(row.at, first));
      if (this.body.children[index] !== entry.tr) {
        this.body.insertBefore(entry.tr, this.body.children[index] ?? null);
      }
    });
  }

  private create(row: MessageRow): { tr: HTMLTableRowElement; time: HTMLTimeElement } {
    const time = el('time', { datetime: row.at, title: row.at });
    const transition = describeTransition(row);
    const tr = el(
      'tr',
      {
        class: row.compensation ? 'message-row is-compensation' : 'message-row',
        'data-testid': 'choreography-row',
        'data-message-name': row.name,
        'data-compensation': String(row.compensation),
        'data-channel': row.channel,
      },
      messageCell(row),
      ...laneCells(row).map(laneCell),
      el('td', { class: 'col-transition' }, transition ?? el('span', { class: 'muted', 'aria-label': 'no transition' }, '—')),
      el('td', { class: 'col-time' }, time),
      el('td', { class: 'col-source' }, row.sourcePath ? sourceLink(this.repoBase(), row.sourcePath, 'View source', { title: row.sourcePath }) : null, ' ', this.traceLink(row.name)),
    );
    const entry = { tr, time };
    this.rows.set(row.id, entry);
    return entry;
  }

  private traceLink(messageType: string): HTMLAnchorElement {
    const link = el('a', { href: '#trace', class: 'trace-link', 'data-testid': 'trace-link' }, 'Trace');
    link.addEventListener('click', (event) => {
      event.preventDefault();
      this.showTrace(messageType);
    });
    return link;
  }
}

function messageCell(row: MessageRow): HTMLTableCellElement {
  return el(
    'th',
    { scope: 'row', class: 'col-message' },
    el('span', { class: 'message-name' }, row.name),
    ' ',
    el('span', { class: `badge badge-${row.channel}` }, row.channel === 'http' ? 'HTTP' : 'outbox'),
    row.compensation ? el('span', { class: 'badge badge-compensation' }, '↺ compensation') : null,
    el('span', { class: 'message-route' }, describeRoute(row)),
    row.detail ? el('span', { class: 'message-detail' }, row.detail) : null,
  );
}

function laneCell(cell: LaneCell): HTMLTableCellElement {
  const classes = ['lane', `lane-${cell.mark}`];
  if (cell.lineLeft) classes.push('line-left');
  if (cell.lineRight) classes.push('line-right');
  if (cell.pointing) classes.push(`points-${cell.pointing}`);
  const label = MARK_TEXT[cell.mark];
  return el(
    'td',
    { class: classes.join(' ') },
    cell.mark === 'none' || cell.mark === 'through' ? null : el('span', { class: 'lane-mark', 'aria-hidden': 'true' }),
    label ? el('span', { class: 'visually-hidden' }, label) : null,
  );
}
