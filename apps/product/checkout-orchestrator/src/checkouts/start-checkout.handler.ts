import { AppError, DatabaseService, withCheckoutId } from '@checkout/platform';
import { HttpStatus } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import { QueryFailedError } from 'typeorm';
import { type CheckoutData, newCheckoutData } from '../checkout-saga/checkout-data';
import { CHECKOUT_SAGA } from '../checkout-saga/checkout-saga.definition';
import { CheckoutEntity } from '../checkout-saga/checkout.entity';
import { CheckoutRepository } from '../checkout-saga/checkout.repository';
import { type SagaStep, SagaStepWriter } from '../checkout-saga/saga-step.writer';
import { AdmissionControl } from '../admission/admission-control';
import { CatalogClient } from './catalog-client';
import { CheckoutAccepted, StartCheckout } from './start-checkout.command';

/**
 * Creates the saga row (Initial → Initiated) and writes its first step (history row and first
 * message, through the SagaStepWriter that writes every step) in one transaction. The idempotency key is a unique column: a retried request finds the
 * checkout it already started; the same key with another body is refused.
 */
@CommandHandler(StartCheckout)
export class StartCheckoutHandler implements ICommandHandler<StartCheckout, CheckoutAccepted> {
  constructor(
    private readonly database: DatabaseService,
    private readonly checkouts: CheckoutRepository,
    private readonly steps: SagaStepWriter,
    private readonly catalog: CatalogClient,
    private readonly admission: AdmissionControl,
  ) {}

  execute(command: StartCheckout): Promise<CheckoutAccepted> {
    return this.admission.bounded(() => this.startOnce(command));
  }

  private async startOnce({ body, idempotencyKey }: StartCheckout): Promise<CheckoutAccepted> {
    const requestHash = fingerprint(body);
    const earlier = await this.findByKey(idempotencyKey);
    if (earlier) return this.replay(earlier, requestHash);

    const unknown = await this.catalog.unknownSkus(body.items.map((item) => item.sku));
    if (unknown.length > 0) {
      throw new AppError('CHECKOUT.UNKNOWN_SKU', `Unknown product: ${unknown.join(', ')}`, HttpStatus.BAD_REQUEST);
    }
    // After the checks a retry cannot fix (a bad order), before any write: a shed request
    // changed nothing, and the same Idempotency-Key may simply be sent again later.
    await this.admission.admit();
    try {
      return await this.start(body, idempotencyKey, requestHash);
    } catch (error) {
      // Two requests with one key raced; the loser answers with the winner's checkout.
      const winner = isUniqueViolation(error) ? await this.findByKey(idempotencyKey) : null;
      if (winner) return this.replay(winner, requestHash);
      throw error;
    }
  }

  private start(body: StartCheckout['body'], idempotencyKey: string, requestHash: string): Promise<CheckoutAccepted> {
    const checkoutId = randomUUID();
    const data = newCheckoutData(checkoutId, body);
    // From here the request concerns this checkout: its log lines (and its span) say which.
    return withCheckoutId(checkoutId, () => this.database.dataSource.transaction(async (tx) => {
      // Sent together, one round trip, and run in this order: the saga row exists before the
      // rows that reference it. A key taken by a concurrent twin fails the insert first, and
      // that is the error the caller sees.
      await Promise.all([
        this.checkouts.create(tx, { id: checkoutId, state: CHECKOUT_SAGA.initial, version: 1, data, idempotencyKey, requestHash }),
        this.steps.write(tx, [startStep(checkoutId, data)]),
      ]);
      return { checkoutId, state: CHECKOUT_SAGA.initial };
    }));
  }

  private findByKey(idempotencyKey: string): Promise<CheckoutEntity | null> {
    return this.checkouts.findByIdempotencyKey(this.database.dataSource.manager, idempotencyKey);
  }

  private replay(earlier: CheckoutEntity, requestHash: string): CheckoutAccepted {
    if (earlier.requestHash !== requestHash) {
      throw new AppError(
        'CHECKOUT.IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request body',
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    // The same answer as the first time: the request was accepted as that checkout.
    return { checkoutId: earlier.id, state: CHECKOUT_SAGA.initial };
  }
}

/** A checkout's first step (Initial → Initiated), written like every other step. */
function startStep(checkoutId: string, data: CheckoutData): SagaStep {
  const { send } = CHECKOUT_SAGA.start;
  const to = CHECKOUT_SAGA.initial;
  return { checkoutId, from: null, to, event: 'CheckoutRequested', causeId: randomUUID(), compensation: false, send, arm: null, disarm: [], data, trace: context.active() };
}

/**
 * Same order, same fingerprint, whatever the key order or white space of the JSON sent.
 * `watched` counts only when set, so a request from before the flag fingerprints as it did.
 */
function fingerprint(body: StartCheckout['body']): string {
  const order = { items: body.items.map(({ sku, qty }) => ({ sku, qty })), paymentMethod: body.paymentMethod };
  const canonical = JSON.stringify(body.watched ? { ...order, watched: true } : order);
  return createHash('sha256').update(canonical).digest('hex');
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string })?.code === '23505';
}
