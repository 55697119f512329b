import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CHECKOUT_SAGA, CHECKOUT_STATES } from '../checkout-saga/checkout-saga.definition';

/**
 * The saga table as JSON, flattened to states and transitions, so that the web UI draws the
 * state diagram from the very object the orchestrator runs: change the table, the picture changes.
 */
@ApiTags('saga definition')
@Controller('api/saga-definitions')
export class SagaDefinitionHttpController {
  @Get('checkout')
  checkout() {
    return {
      name: CHECKOUT_SAGA.name,
      initial: CHECKOUT_SAGA.initial,
      start: CHECKOUT_SAGA.start,
      states: CHECKOUT_STATES.map((name) => ({
        name,
        final: CHECKOUT_SAGA.states[name].final ?? false,
        attention: CHECKOUT_SAGA.states[name].attention ?? false,
      })),
      transitions: CHECKOUT_STATES.flatMap((from) =>
        Object.entries(CHECKOUT_SAGA.states[from].on).flatMap(([event, rows]) =>
          (rows ?? []).map((row) => ({
            from,
            to: row.to,
            event,
            send: row.send ?? [],
            compensation: row.compensation ?? false,
            when: row.when ?? null,
            note: row.note ?? null,
          })),
        ),
      ),
    };
  }
}
