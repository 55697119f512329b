import { Module } from '@nestjs/common';
import { ReservationsRepository } from './reservations.repository';

/** What the stock handlers keep about each checkout's reservation. */
@Module({
  providers: [ReservationsRepository],
  exports: [ReservationsRepository],
})
export class ReservationsModule {}
