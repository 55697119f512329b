import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { WORKSPACE_ROOT } from './support/service-process';
// The pages' plots and the Grafana dashboards must come from one definition; reading both
// sources from here is the point of this test.
/* eslint-disable @nx/enforce-module-boundaries */
import { PLOT_SERIES } from '../../../product/bff-web/src/metrics-plots/plot-series';
import { DASHBOARDS } from '../../../demo/web/src/plots/dashboards';
import { GRAFANA_DASHBOARDS } from '../../../../scripts/dashboards/grafana-dashboards';
/* eslint-enable @nx/enforce-module-boundaries */

type Panel = { title: string; targets: { expr: string }[]; datasource: { uid: string } };
const committed = (file: string) =>
  JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'deploy/grafana/dashboards', file), 'utf8')) as { panels: Panel[]; refresh: string; time: { from: string } };

describe('the Grafana dashboards of the health and chaos pages', () => {
  it.each(Object.keys(GRAFANA_DASHBOARDS))('%s is what the pages\' definitions generate (run `npm run dashboards:grafana`)', (file) => {
    expect(committed(file)).toEqual(GRAFANA_DASHBOARDS[file]);
  });

  it.each([
    ['checkout-health.json', DASHBOARDS.health],
    ['checkout-chaos.json', DASHBOARDS.chaos],
  ] as const)('%s plots what its page plots: the same series, in order, with the PromQL the edge runs, over the same window', (file, page) => {
    const dashboard = committed(file);
    expect(dashboard.panels.map((panel) => panel.title)).toEqual(page.series.map((name) => PLOT_SERIES[name].title));
    expect(dashboard.panels.map((panel) => panel.targets[0].expr)).toEqual(page.series.map((name) => PLOT_SERIES[name].promql));
    expect(dashboard.time.from).toBe(`now-${page.minutes}m`);
    expect(dashboard.refresh).toBe(`${page.refreshMs / 1000}s`);
  });

  it('read the data source compose provisions', () => {
    const provisioned = parse(readFileSync(join(WORKSPACE_ROOT, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8')) as {
      datasources: { uid: string; url: string }[];
    };
    const uids = new Set(provisioned.datasources.map((source) => source.uid));
    for (const file of Object.keys(GRAFANA_DASHBOARDS)) {
      for (const panel of committed(file).panels) expect(uids).toContain(panel.datasource.uid);
    }
  });
});
