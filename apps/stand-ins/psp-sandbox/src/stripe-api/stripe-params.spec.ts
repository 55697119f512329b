import { z } from 'zod';
import { InvalidRequestError } from './stripe-api.error';
import { bracketPath, parseParams } from './stripe-params';
import { wholeNumber } from './form-fields';

const schema = z.strictObject({
  name: z.string(),
  items: z.array(z.strictObject({ quantity: wholeNumber({ min: 1, max: 10 }) })),
});

function problemWith(body: unknown): InvalidRequestError {
  try {
    parseParams(schema, body);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error('expected the parameters to be refused');
}

describe('reading form parameters the way Stripe reports problems with them', () => {
  it('reads digits sent as text as whole numbers', () => {
    expect(parseParams(schema, { name: 'a', items: [{ quantity: '3' }] })).toEqual({ name: 'a', items: [{ quantity: 3 }] });
  });

  it('names a missing parameter in bracket notation with code parameter_missing', () => {
    const error = problemWith({ name: 'a', items: [{}] });
    expect(error.details).toEqual({ code: 'parameter_missing', param: 'items[0][quantity]' });
    expect(error.message).toBe('Missing required param: items[0][quantity].');
  });

  it('names an unknown parameter with code parameter_unknown', () => {
    expect(problemWith({ name: 'a', items: [], colour: 'red' }).details).toEqual({ code: 'parameter_unknown', param: 'colour' });
  });

  it('refuses a number that is not whole, or out of range, naming the parameter', () => {
    for (const quantity of ['1.5', 'abc', '0', '11', '']) {
      const error = problemWith({ name: 'a', items: [{ quantity }] });
      expect(error.details.param).toBe('items[0][quantity]');
      expect(error.message).toMatch(/expected a whole number from 1 to 10/);
    }
  });

  it('spells paths as Stripe does', () => {
    expect(bracketPath(['line_items', 0, 'price_data', 'unit_amount'])).toBe('line_items[0][price_data][unit_amount]');
    expect(bracketPath(['mode'])).toBe('mode');
  });
});
