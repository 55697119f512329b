import { overlaps } from './geometry';
import { CHECKOUT_DEFINITION, transition } from './saga-definition.fixture';
import { distancesFromInitial, sagaColumns } from './saga-layers';
import { layoutSaga } from './saga-layout';

const state = (name: string) => ({ name, final: false, attention: false });

describe('the saga state diagram', () => {
  describe('placing states in columns', () => {
    it('puts each state as many columns from the initial one as the fewest steps it takes to reach it', () => {
      const depth = distancesFromInitial(CHECKOUT_DEFINITION);
      expect(Object.fromEntries(depth)).toEqual({
        Initiated: 0,
        StockReserved: 1,
        Cancelled: 1,
        AwaitingPayment: 2,
        Completed: 2,
        Compensating: 2,
        Failed: 2,
      });
    });

    it('puts a state nothing leads to in a column after all the others', () => {
      const definition = {
        name: 'Orphan',
        initial: 'A',
        states: [state('A'), state('B'), state('Lonely')],
        transitions: [transition('A', 'go', 'B')],
      };
      expect(sagaColumns(definition)).toEqual([['A'], ['B'], ['Lonely']]);
    });

    it('orders a column by where the states leading into it sit', () => {
      // D is reached from C, which sits below B, so D goes below E (reached from B).
      const definition = {
        name: 'Order',
        initial: 'A',
        states: [state('A'), state('B'), state('C'), state('D'), state('E')],
        transitions: [transition('A', 'x', 'B'), transition('A', 'y', 'C'), transition('C', 'z', 'D'), transition('B', 'w', 'E')],
      };
      expect(sagaColumns(definition)).toEqual([['A'], ['B', 'C'], ['E', 'D']]);
    });
  });

  describe('drawing the checkout saga', () => {
    const layout = layoutSaga(CHECKOUT_DEFINITION);
    const edge = (from: string, to: string, compensation: boolean) =>
      layout.edges.find((e) => e.from === from && e.to === to && e.compensation === compensation);

    it('draws every state once, with its final and attention marks', () => {
      expect(layout.nodes.map((node) => node.name).sort()).toEqual(CHECKOUT_DEFINITION.states.map((s) => s.name).sort());
      expect(layout.nodes.filter((node) => node.final).map((node) => node.name).sort()).toEqual(['Cancelled', 'Completed']);
      expect(layout.nodes.find((node) => node.attention)?.name).toBe('Failed');
      expect(layout.nodes.find((node) => node.initial)?.name).toBe('Initiated');
    });

    const texts = (from: string, to: string, compensation: boolean) => edge(from, to, compensation)?.label.lines.map((line) => line.text);

    it('shares one arrow between the events that lead to the same state the same way', () => {
      expect(texts('AwaitingPayment', 'Compensating', true)).toEqual(['PaymentFailed', 'PaymentTimedOut']);
    });

    it('keeps a compensating step and a forward step between the same states apart', () => {
      expect(texts('Compensating', 'Cancelled', true)).toEqual(['StockReleased']);
      expect(texts('Compensating', 'Failed', false)).toEqual(['ReleaseTimedOut [releaseRetriesExhausted]']);
    });

    it('draws one loop per state, marking in words which of its events compensate when they are mixed', () => {
      const loops = layout.edges.filter((e) => e.kind === 'self' && e.from === 'Cancelled');
      expect(loops).toHaveLength(1);
      expect(loops[0].compensation).toBe(true);
      expect(loops[0].label.lines.map((line) => line.text)).toEqual(['PaymentCompleted', 'PaymentRefunded']);

      const mixed = layoutSaga({
        ...CHECKOUT_DEFINITION,
        transitions: [...CHECKOUT_DEFINITION.transitions, transition('Compensating', 'RefundFailed', 'Compensating')],
      }).edges.filter((e) => e.kind === 'self' && e.from === 'Compensating');
      expect(mixed).toHaveLength(1);
      expect(mixed[0].compensation).toBe(false);
      expect(mixed[0].label.lines).toEqual([
        { text: '↺ ReleaseTimedOut [releaseRetriesLeft]', compensation: true },
        { text: '↺ PaymentCompleted', compensation: true },
        { text: '↺ PaymentRefunded', compensation: true },
        { text: 'RefundFailed', compensation: false },
      ]);
    });

    it('puts states reached only by compensating steps below the forward ones', () => {
      const column = layout.nodes.filter((node) => node.column === 2).sort((a, b) => a.row - b.row).map((node) => node.name);
      expect(column.indexOf('Completed')).toBeLessThan(column.indexOf('Compensating'));
    });

    it('tells apart steps forward, steps back, steps within a column and events that keep the state', () => {
      expect(edge('Initiated', 'StockReserved', false)?.kind).toBe('forward');
      expect(edge('Compensating', 'Cancelled', true)?.kind).toBe('backward');
      expect(edge('AwaitingPayment', 'Completed', false)?.kind).toBe('vertical');
      expect(edge('Compensating', 'Compensating', true)?.kind).toBe('self');
    });

    it('has no two states or labels covering each other', () => {
      const boxes = [...layout.nodes, ...layout.edges.map((e) => e.label.box)];
      const collisions = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => overlaps(a, b)));
      expect(collisions).toEqual([]);
    });

    it('fits every state and label inside its view box', () => {
      const { viewBox } = layout;
      for (const box of [...layout.nodes, ...layout.edges.map((e) => e.label.box)]) {
        expect(box.x).toBeGreaterThanOrEqual(viewBox.x);
        expect(box.y).toBeGreaterThanOrEqual(viewBox.y);
        expect(box.x + box.width).toBeLessThanOrEqual(viewBox.x + viewBox.width);
        expect(box.y + box.height).toBeLessThanOrEqual(viewBox.y + viewBox.height);
      }
    });

    it('changes when the table changes: a new state gets a node and its arrow', () => {
      const extended = {
        ...CHECKOUT_DEFINITION,
        states: [...CHECKOUT_DEFINITION.states, { name: 'Shipped', final: true, attention: false }],
        transitions: [...CHECKOUT_DEFINITION.transitions, transition('Completed', 'ParcelDispatched', 'Shipped')],
      };
      const redrawn = layoutSaga(extended);
      const shipped = redrawn.nodes.find((node) => node.name === 'Shipped');
      expect(shipped?.column).toBe(3);
      expect(redrawn.edges.some((e) => e.from === 'Completed' && e.to === 'Shipped' && e.label.lines[0].text === 'ParcelDispatched')).toBe(true);
    });
  });
});
