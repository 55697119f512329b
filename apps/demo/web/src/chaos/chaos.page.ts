import { getBudget, getExperiment, getExperiments, getInvariants, getTimeline, haltExperiment, startExperiment } from '../api/chaos-api';
import type { ChaosCatalogue } from '../api/chaos-api.types';
import { ApiError } from '../api/http-client';
import { setTitle } from '../app/page-title';
import { el, fill } from '../dom/element';
import { formatSeconds } from '../format/time';
import { storedToken } from '../ops/operator-session';
import { mountPlotGrid } from '../plots/plot-grid';
import { budgetPanel } from './budget-panel';
import { CHAOS_PLOT_MINUTES, CHAOS_PLOT_REFRESH_MS, CHAOS_PLOTS } from './chaos-plots';
import { experimentPanel, invariantsList, recentRunsTable } from './experiment-view';
import { heldHaltToken, keepHaltToken } from './halt-token';
import { followLiveLoad, liveLoadText } from './live-load-status';
import { renderServiceLanes } from './service-lanes';
import { faultIntervals } from './timeline-series';

const TIMELINE_MS = 1_000;
const EXPERIMENT_MS = 1_000;
const RECENT_MS = 5_000;

/**
 * `/chaos`: the cluster's plots from Prometheus with faults as shaded bands, each service's
 * up/down lane (both from the chaos agent's timeline),
 * the experiment form (one experiment at a time, cluster-wide, within a budget every visitor
 * shares, shown above it), the running experiment's checks and verdict, and the recent runs.
 * A visitor may halt the experiment this tab started (its halt token); with the operator token
 * (entered on /ops) any, on every target. Every poll is scheduled after the last settled.
 */
export function mountChaos(root: HTMLElement): () => void {
  setTitle('Chaos');
  const controller = new AbortController();
  const timers = new Set<number>();
  const later = (ms: number, work: () => Promise<void>) => {
    const timer = window.setTimeout(() => {
      timers.delete(timer);
      if (!controller.signal.aborted) void work();
    }, ms);
    timers.add(timer);
  };

  const status = el('p', { class: 'chaos-status', role: 'status' });
  const liveLoad = el('p', { class: 'muted chaos-live-load' }, liveLoadText(null));
  const kind = el('select', { name: 'kind', 'aria-label': 'Experiment' });
  const target = el('select', { name: 'target', 'aria-label': 'Target' });
  const seconds = el('input', { name: 'seconds', type: 'number', min: 1, max: 30, value: 10, 'aria-label': 'Seconds' });
  const run = el('button', { type: 'submit', class: 'button' }, 'Run experiment');
  const halt = el('button', { type: 'button', class: 'button button-secondary' }, 'Halt');
  const form = el('form', { class: 'chaos-form' }, kind, target, seconds, run, halt);
  const hypothesis = el('p', { class: 'lede' }, 'Loading the catalogue…');
  const budget = el('div', { class: 'chaos-budget-panel', 'aria-live': 'polite' });
  const rules = el('p', { class: 'muted' });
  const current = el('div', { class: 'chaos-current' });
  const lanes = el('div', { class: 'service-lanes', 'aria-label': 'Service readiness timeline' });
  const plotSection = el(
    'section',
    { class: 'chaos-plots', 'aria-labelledby': 'chaos-plots-heading' },
    el('h2', { id: 'chaos-plots-heading' }, 'The last 5 minutes'),
    el('p', { class: 'muted' }, 'From Prometheus, which scrapes every service every 15 s. Faults are shaded.'),
  );
  const recent = el('div', { class: 'chaos-recent' });
  const invariants = el('div', { class: 'chaos-invariants-result' });
  const check = el('button', { type: 'button', class: 'button button-secondary' }, 'Run the invariant checker');

  root.append(
    el('h1', { tabindex: '-1' }, 'Chaos'),
    hypothesis,
    liveLoad,
    el('section', { class: 'card' }, el('h2', {}, 'Break something'), rules, budget, form, status, current),
    el('section', { class: 'card' }, el('h2', {}, 'Services'), lanes),
    plotSection,
    el('section', { class: 'card' }, el('h2', {}, 'Invariants'), check, invariants),
    el('section', { class: 'card' }, el('h2', {}, 'Recent experiments'), recent),
  );

  const plots = mountPlotGrid(plotSection, { series: CHAOS_PLOTS, minutes: CHAOS_PLOT_MINUTES, refreshMs: CHAOS_PLOT_REFRESH_MS });

  let catalogue: ChaosCatalogue | null = null;
  // The operator token entered on /ops (this tab's) opens every target and longer faults.
  const operator = storedToken();
  const showTargets = () => {
    const spec = catalogue?.kinds.find((entry) => entry.kind === kind.value);
    fill(target, ...((operator ? spec?.targets : spec?.publicTargets) ?? []).map((name) => el('option', { value: name }, name)));
  };
  kind.addEventListener('change', showTargets);

  const say = (message: string, bad = false) => {
    status.textContent = message;
    status.classList.toggle('is-error', bad);
  };
  // A refusal says why and, when it knows, when to come back.
  const explain = (error: unknown) =>
    error instanceof ApiError
      ? `${error.message}${error.retryAfterSeconds ? ` Try again in ${formatSeconds(error.retryAfterSeconds)}.` : ''}`
      : 'No answer from the server.';

  const follow = async (id: string): Promise<void> => {
    try {
      const experiment = await getExperiment(id);
      fill(current, experimentPanel(experiment));
      if (experiment.state === 'running' || experiment.state === 'recovering') later(EXPERIMENT_MS, () => follow(id));
      else void refreshRecent();
    } catch {
      later(EXPERIMENT_MS * 2, () => follow(id));
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    say('Starting…');
    startExperiment(kind.value, target.value, Number(seconds.value), operator).then(
      ({ experimentId, haltToken }) => {
        if (haltToken) keepHaltToken(experimentId, haltToken);
        say(`Running ${kind.value} on ${target.value}.`);
        void follow(experimentId);
        void refreshBudget();
      },
      (error: unknown) => {
        say(explain(error), true);
        void refreshBudget();
      },
    );
  });
  halt.addEventListener('click', () => {
    haltExperiment(heldHaltToken(), operator).then(
      ({ halted }) => say(halted ? 'Halted: the fault was reverted.' : 'Nothing was running.'),
      (error: unknown) => say(explain(error), true),
    );
  });
  check.addEventListener('click', () => {
    fill(invariants, el('p', { class: 'muted' }, 'Auditing every schema…'));
    getInvariants().then(
      (report) => fill(invariants, invariantsList(report)),
      (error: unknown) => fill(invariants, el('p', { class: 'is-error' }, explain(error))),
    );
  });

  const refreshRecent = async (): Promise<void> => {
    try {
      const answer = await getExperiments();
      if (!catalogue) {
        catalogue = answer.catalogue;
        hypothesis.textContent = `Hypothesis: ${catalogue.hypothesis}`;
        fill(kind, ...catalogue.kinds.map((entry) => el('option', { value: entry.kind, title: entry.summary }, entry.kind)));
        const longest = operator ? catalogue.maxSeconds : catalogue.publicMaxSeconds;
        seconds.max = String(longest);
        rules.textContent = operator
          ? `Operator: every target, up to ${longest} s; Halt stops any experiment.`
          : `Visitors may break the services behind the edge, the broker and the database, for up to ${longest} s. ` +
            'The edge itself is for an operator. Halt stops the experiment this tab started.';
        showTargets();
        const active = answer.recent.find((entry) => entry.state === 'running' || entry.state === 'recovering');
        if (active) void follow(active.id);
      }
      fill(recent, recentRunsTable(answer.recent));
    } catch (error: unknown) {
      if (!catalogue) hypothesis.textContent = `The chaos agent is not answering: ${explain(error)}`;
    }
    later(RECENT_MS, refreshRecent);
  };

  const refreshBudget = async (): Promise<void> => {
    try {
      fill(budget, budgetPanel(await getBudget(), Date.now()));
    } catch (error: unknown) {
      fill(budget, el('p', { class: 'muted' }, `The budget is not known right now: ${explain(error)}`));
    }
  };
  const pollBudget = async (): Promise<void> => {
    await refreshBudget();
    later(RECENT_MS, pollBudget);
  };

  const refreshTimeline = async (): Promise<void> => {
    try {
      const timeline = await getTimeline(controller.signal);
      renderServiceLanes(lanes, timeline);
      plots.shade(faultIntervals(timeline.faults, Date.now()));
    } catch {
      // The lanes keep their last picture; the next poll tries again.
    }
    later(TIMELINE_MS, refreshTimeline);
  };

  // The live stream is what keeps the agent's live load running while this page is open.
  const closeLiveLoad = followLiveLoad((state) => (liveLoad.textContent = liveLoadText(state)));
  void refreshRecent();
  void pollBudget();
  void refreshTimeline();
  return () => {
    closeLiveLoad();
    controller.abort();
    for (const timer of timers) window.clearTimeout(timer);
    plots.destroy();
  };
}
