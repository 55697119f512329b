import { describeRoute, describeTransition, laneCells } from './choreography';

const marks = (from: string, to: string[]) => laneCells({ from, to }).map((cell) => cell.mark);

describe('a message row in the choreography table', () => {
  it('marks the sender and the receiver and draws the line through the columns between them', () => {
    // bff-web → catalog-svc crosses checkout-orchestrator's column
    expect(marks('bff-web', ['catalog-svc'])).toEqual(['none', 'sender', 'through', 'receiver', 'none', 'none']);
  });

  it('points the arrow left when the receiver sits left of the sender', () => {
    const cells = laneCells({ from: 'catalog-svc', to: ['checkout-orchestrator'] });
    expect(cells[2]).toMatchObject({ mark: 'receiver', pointing: 'left', lineLeft: false, lineRight: true });
    expect(cells[3]).toMatchObject({ mark: 'sender', pointing: null, lineLeft: true, lineRight: false });
  });

  it('reaches every receiver of a message sent to several participants', () => {
    expect(marks('checkout-orchestrator', ['bff-web', 'payments-svc'])).toEqual([
      'none',
      'receiver',
      'sender',
      'through',
      'receiver',
      'none',
    ]);
  });

  it('shows a timer the orchestrator sends itself as a single self mark with no line', () => {
    const cells = laneCells({ from: 'checkout-orchestrator', to: ['checkout-orchestrator'] });
    expect(cells.map((cell) => cell.mark)).toEqual(['none', 'none', 'self', 'none', 'none', 'none']);
    expect(cells.some((cell) => cell.lineLeft || cell.lineRight)).toBe(false);
  });

  it('puts the provider webhook in the Provider column', () => {
    expect(marks('psp-sandbox', ['payments-svc'])).toEqual(['none', 'none', 'none', 'none', 'receiver', 'sender']);
    expect(describeRoute({ from: 'psp-sandbox', to: ['payments-svc'] })).toBe('Provider → payments-svc');
  });

  it('ignores a participant it has no column for rather than drawing a wrong line', () => {
    expect(marks('browser', ['somewhere-else'])).toEqual(['sender', 'none', 'none', 'none', 'none', 'none']);
  });

  it('names the transition it caused, or none', () => {
    expect(describeTransition({ transition: { from: 'StockReserved', to: 'AwaitingPayment' } })).toBe('StockReserved → AwaitingPayment');
    expect(describeTransition({ transition: null })).toBeNull();
  });
});
