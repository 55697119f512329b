import { Module } from '@nestjs/common';
import { MetricsPlotsHttpController } from './metrics-plots.http.controller';

/** The health and chaos pages' time-series plots, read from Prometheus through a narrow, allowlisted route. */
@Module({
  controllers: [MetricsPlotsHttpController],
})
export class MetricsPlotsModule {}
