import type { NestExpressApplication } from '@nestjs/platform-express';
import { stripeBodyParseErrors } from './stripe-api/body-parse-errors';

/**
 * HTTP set-up shared by main.ts and the tests. Stripe clients send form-encoded bodies with
 * bracket notation (`line_items[0][price_data][unit_amount]=3999`, `metadata[checkoutId]=…`);
 * only the "extended" (qs) parser turns those into nested objects and lists.
 */
export function configureHttp(app: NestExpressApplication): void {
  app.useBodyParser('urlencoded', { extended: true });
  app.useBodyParser('json');
  // Registered right after the parsers, so it sees their errors before Nest's global handler.
  app.use('/v1', stripeBodyParseErrors);
}
