import type { ExperimentView, InvariantReport } from '../api/chaos-api.types';
import { el } from '../dom/element';

const STATE_WORDS: Record<ExperimentView['state'], string> = {
  running: 'Fault on',
  recovering: 'Fault reverted: watching the cluster recover',
  finished: 'Finished',
  aborted: 'Aborted',
};

/** One experiment: what ran, where it is, each check with its evidence, and the verdict. */
export function experimentPanel(experiment: ExperimentView): HTMLElement {
  const verdict = experiment.verdict;
  return el(
    'section',
    { class: 'chaos-experiment', 'data-state': experiment.state, 'data-experiment': experiment.id, 'aria-live': 'polite' },
    el('h3', {}, `${experiment.kind} · ${experiment.target} · ${experiment.seconds} s`),
    el('p', { class: 'chaos-state' }, STATE_WORDS[experiment.state]),
    el('p', { class: 'muted' }, experiment.hypothesis),
    experiment.checks.length
      ? el(
          'ul',
          { class: 'chaos-checks' },
          ...experiment.checks.map((check) =>
            el('li', { class: check.passed ? 'is-passed' : 'is-failed' }, el('strong', {}, `${check.passed ? '✓' : '✗'} ${check.name}`), ` — ${check.detail}`),
          ),
        )
      : null,
    verdict
      ? el(
          'p',
          { class: `chaos-verdict ${verdict.passed ? 'is-passed' : 'is-failed'}`, 'data-passed': String(verdict.passed) },
          `${verdict.passed ? 'Passed' : 'Failed'}: ${verdict.summary}`,
          verdict.timeToRecoverMs !== null ? ` · recovered in ${(verdict.timeToRecoverMs / 1000).toFixed(1)} s` : '',
          ` · ${verdict.checkoutsAffected} checkouts started during the fault`,
        )
      : null,
  );
}

export function recentRunsTable(runs: readonly ExperimentView[]): HTMLElement {
  if (runs.length === 0) return el('p', { class: 'muted' }, 'No experiment has run yet.');
  return el(
    'table',
    { class: 'chaos-runs' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Started'), el('th', {}, 'Experiment'), el('th', {}, 'State'), el('th', {}, 'Verdict'))),
    el(
      'tbody',
      {},
      ...runs.map((run) =>
        el(
          'tr',
          {},
          el('td', {}, new Date(run.startedAt).toLocaleTimeString('en-GB')),
          el('td', {}, `${run.kind} · ${run.target} · ${run.seconds} s`),
          el('td', {}, run.state),
          el('td', { class: run.verdict ? (run.verdict.passed ? 'is-passed' : 'is-failed') : '' }, run.verdict ? `${run.verdict.passed ? 'passed' : 'failed'}: ${run.verdict.summary}` : '—'),
        ),
      ),
    ),
  );
}

export function invariantsList(report: InvariantReport): HTMLElement {
  return el(
    'ul',
    { class: 'chaos-invariants', 'data-passed': String(report.passed) },
    ...report.results.map((result) =>
      el(
        'li',
        { class: `is-${result.status}` },
        el('strong', {}, `${result.status === 'passed' ? '✓' : result.status === 'failed' ? '✗' : '–'} ${result.name}`),
        ` — ${result.statement}${result.violations ? ` (${result.violations} found)` : ''}`,
      ),
    ),
  );
}
