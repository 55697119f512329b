import type { AlertsView } from '@checkout/contracts/views';
import { Controller, Get } from '@nestjs/common';
import { AlertLog } from './alert-log';

/** The operations console's alerts: open to read, like the rest of the console (docs/decisions/0022). */
@Controller('api/ops')
export class AlertsHttpController {
  constructor(private readonly log: AlertLog) {}

  @Get('alerts')
  list(): AlertsView {
    return this.log.view();
  }
}
