import { NotFoundError } from '@checkout/platform';
import { Controller, Get, Header, Param } from '@nestjs/common';
import { customerBehaviour } from '../simulated-customer/simulated-customers';
import { CheckoutSessionsService } from './checkout-sessions.service';

/**
 * The page a session's `url` points at. Real Stripe shows a card form here; the sandbox has
 * no card form: it shows what its simulated customer will do with the session.
 */
@Controller('pay')
export class PayPageController {
  constructor(private readonly sessions: CheckoutSessionsService) {}

  @Get(':id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Param('id') id: string): Promise<string> {
    const session = await this.sessions.find(id);
    if (!session) throw new NotFoundError('PSP.SESSION_NOT_FOUND', `No checkout session ${id}`);
    const method = session.paymentMethod ?? '(none)';
    const plan = customerBehaviour(session.paymentMethod)
      ? `The simulated customer pays with <code>${escape(method)}</code>.`
      : `The simulated customer (<code>${escape(method)}</code>) never pays.`;
    return `<!doctype html><meta charset="utf-8"><title>Sandbox checkout</title>
<h1>Sandbox checkout</h1>
<p>${escape(session.id)}: ${escape(formatAmount(session.amountTotal, session.currency))}, ${session.status}, ${session.paymentStatus}.</p>
<p>${plan} No card form here: see apps/stand-ins/psp-sandbox/README.md.</p>`;
  }
}

function formatAmount(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
  return format.format(minorUnits / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
