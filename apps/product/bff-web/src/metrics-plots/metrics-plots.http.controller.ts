import type { MetricSeriesView } from '@checkout/contracts/views';
import { validate } from '@checkout/platform';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { MetricsUnavailableError, PrometheusClient } from '../prometheus/prometheus.client';
import { PLOT_SERIES, PLOT_SERIES_NAMES, stepFor, type PlotSeriesDefinition } from './plot-series';
import { toPlotLines } from './plot-lines';

const SeriesName = z.enum(PLOT_SERIES_NAMES, { error: `expected one of ${PLOT_SERIES_NAMES.join(', ')}` });
const Window = z.strictObject({
  minutes: z.coerce
    .number({ error: 'expected whole minutes from 1 to 60' })
    .int('expected whole minutes from 1 to 60')
    .min(1, 'expected whole minutes from 1 to 60')
    .max(60, 'expected whole minutes from 1 to 60')
    .default(15),
});

/** Seconds a plot should wait before asking again when Prometheus is away. */
const RETRY_AFTER_SECONDS = 5;

/**
 * GET /api/metrics/series/:name?minutes=N — one plot's lines (one per service, outcome or state) over the last N
 * minutes, read from Prometheus. Only the names in PLOT_SERIES exist; a visitor never sends PromQL.
 */
@Controller('api/metrics/series')
export class MetricsPlotsHttpController {
  constructor(private readonly prometheus: PrometheusClient) {}

  @Get(':name')
  async series(@Param('name') name: string, @Query() query: unknown, @Res({ passthrough: true }) response: Response): Promise<MetricSeriesView> {
    const seriesName = validate(SeriesName, name);
    const { minutes } = validate(Window, query ?? {});
    const { title, unit, promql, lineLabel }: PlotSeriesDefinition = PLOT_SERIES[seriesName];
    const step = stepFor(minutes);
    // Aligned to the step, so consecutive refreshes ask for the same points and agree.
    const end = Math.floor(Date.now() / 1000 / step) * step;
    const start = end - minutes * 60;
    try {
      const result = await this.prometheus.queryRange(promql, start, end, step);
      return { name: seriesName, title, unit, start, end, step, lines: toPlotLines(result, lineLabel) };
    } catch (error) {
      if (error instanceof MetricsUnavailableError) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw error;
    }
  }
}
