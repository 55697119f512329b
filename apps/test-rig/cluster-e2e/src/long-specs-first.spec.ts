import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './support/service-process';

// The sequencer is plain JavaScript beside the other Jest helpers in scripts/jest.
// eslint-disable-next-line @nx/enforce-module-boundaries
const LongSpecsFirst = require('../../../../scripts/jest/long-specs-first.js') as {
  new (options: object): { sort(tests: object[]): { path: string }[] };
  LONGEST_FIRST: string[];
};

describe("the e2e suite's order", () => {
  it('names only spec files that exist: a renamed one would lose its head start without a word', () => {
    for (const name of LongSpecsFirst.LONGEST_FIRST) expect(existsSync(join(WORKSPACE_ROOT, 'apps/test-rig/cluster-e2e/src', name))).toBe(true);
  });

  it('starts the long files first, longest first, and keeps Jest’s order for the rest', () => {
    const names = ['small.e2e-spec.ts', 'checkout-scenarios.e2e-spec.ts', 'other.spec.ts', 'soak.e2e-spec.ts', 'prometheus.e2e-spec.ts'];
    // Without timings of its own, Jest orders by size: here, the order given.
    const tests = names.map((name, i) => ({ path: `/repo/src/${name}`, context: { config: { cache: false, id: 'e2e' }, hasteFS: { getSize: () => 100 - i } } }));
    const sorted = new LongSpecsFirst({}).sort(tests).map((test) => test.path.split('/').pop());
    expect(sorted).toEqual(['soak.e2e-spec.ts', 'prometheus.e2e-spec.ts', 'checkout-scenarios.e2e-spec.ts', 'small.e2e-spec.ts', 'other.spec.ts']);
  });
});
