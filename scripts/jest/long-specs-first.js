// The e2e suite's order: its longest spec files first, then Jest's own order. Two workers share
// the files, and the suite ends when the later one does: a long file started last keeps one
// worker busy while the other has nothing left (on a fresh clone Jest has no timings of its
// own and orders by file size, which put the 160 s soak 36th of 37). The list is the slowest
// files `npm test` prints, longest first; a file not on it only loses its head start.
const Sequencer = require('@jest/test-sequencer').default;

const LONGEST_FIRST = [
  'soak.e2e-spec.ts',
  'prometheus.e2e-spec.ts',
  'retention.e2e-spec.ts',
  'secret-rotation-experiments.e2e-spec.ts',
  'chaos-api.e2e-spec.ts',
  'vault-outages.e2e-spec.ts',
  'browser-chaos.e2e-spec.ts',
  'graceful-shutdown.e2e-spec.ts',
  'checkout-scenarios.e2e-spec.ts',
];

class LongSpecsFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const index = LONGEST_FIRST.findIndex((name) => test.path.endsWith(`/${name}`));
      return index === -1 ? LONGEST_FIRST.length : index;
    };
    // Array.prototype.sort is stable: the files off the list keep Jest's order among themselves.
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongSpecsFirst;
module.exports.LONGEST_FIRST = LONGEST_FIRST;
