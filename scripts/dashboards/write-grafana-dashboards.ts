// `npm run dashboards:grafana`: writes the Grafana dashboards of the health and chaos pages into
// deploy/grafana/dashboards, where compose's Grafana provisions them. Generated from the pages'
// own definitions (apps/demo/web/src/plots/dashboards.ts) and the edge's PromQL (PLOT_SERIES);
// apps/test-rig/cluster-e2e/src/grafana-dashboards.spec.ts fails when the committed files drift.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAFANA_DASHBOARDS } from './grafana-dashboards';

const root = join(__dirname, '../..');
for (const [file, dashboard] of Object.entries(GRAFANA_DASHBOARDS)) {
  writeFileSync(join(root, 'deploy/grafana/dashboards', file), `${JSON.stringify(dashboard, null, 2)}\n`);
  console.log(`dashboards:grafana: wrote deploy/grafana/dashboards/${file}`);
}
