// `npm run soak -- --seed 42 --checkouts 5000 --faults 60`: a seeded fault schedule, performed
// by the chaos agent, under checkout load; then the invariant checker judges what is left.
// Exits 1 on any violation, so it can gate a release. Run against `npm start`'s cluster, or
// any cluster named by CHAOS_AGENT_URL, ORCHESTRATOR_URL, AMQP_URL and AUDIT_DATABASE_URL.
import { SANDBOX_PAYMENT_METHODS } from '@checkout/contracts';
import { brokerDeadLetterProbe, InvariantChecker, type InvariantReport } from '@checkout/invariants';
import { startLoad } from '@checkout/load-generator';
import { drawSchedule, type CatalogueEntry, type ScheduledFault } from './fault-schedule';
import { soakOptions, type SoakOptions } from './soak-options';

interface FaultOutcome {
  readonly fault: ScheduledFault;
  readonly state: string;
  readonly passed: boolean | null;
  readonly endedAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function agent<T>(
  options: SoakOptions,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T; retryAfterSeconds: number }> {
  const response = await fetch(`${options.CHAOS_AGENT_URL}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const retryAfterSeconds = Math.min(Math.max(Number(response.headers.get('retry-after')) || 1, 1), 10);
  return { status: response.status, body: (await response.json()) as T, retryAfterSeconds };
}

/** How long a fault the agent could not inject (503: e.g. Postgres had no slot for a new login) is retried. */
const INJECTION_RETRY_MS = 60_000;

/**
 * Performs one fault through the agent and waits for its verdict. Waits its turn on a 409, and
 * on a 503 tries again after the agent's Retry-After for up to a minute: a refused injection left
 * nothing behind, and the schedule is only complete once every fault was performed.
 */
async function perform(options: SoakOptions, fault: ScheduledFault): Promise<FaultOutcome> {
  await sleep(fault.pauseMs);
  const giveUpAt = Date.now() + INJECTION_RETRY_MS;
  for (;;) {
    const { kind, target, seconds } = fault;
    const started = await agent<{ experimentId?: string; message?: string }>(options, 'POST', '/experiments', { kind, target, seconds });
    if (started.status === 409) {
      await sleep(1000);
      continue;
    }
    if (started.status === 503 && Date.now() < giveUpAt) {
      console.log(`  ${kind} not injected now (${started.body.message}); again in ${started.retryAfterSeconds} s`);
      await sleep(started.retryAfterSeconds * 1000);
      continue;
    }
    if (started.status !== 202 || !started.body.experimentId) throw new Error(`the agent refused ${fault.kind}: ${started.body.message}`);
    for (;;) {
      await sleep(500);
      const { body } = await agent<{ state: string; verdict: { passed: boolean } | null }>(options, 'GET', `/experiments/${started.body.experimentId}`);
      if (body.state === 'finished' || body.state === 'aborted') return { fault, state: body.state, passed: body.verdict?.passed ?? null, endedAt: Date.now() };
    }
  }
}

async function settle(checker: InvariantChecker, options: SoakOptions, lastFaultEndedAt: Date | undefined, check: Parameters<InvariantChecker['check']>[0]) {
  const deadline = (lastFaultEndedAt?.getTime() ?? Date.now()) + options.settleSeconds * 1000;
  for (;;) {
    const report = await checker.check(check);
    if (report.passed || Date.now() >= deadline) return report;
    await sleep(2000);
  }
}

function printReport(report: InvariantReport): void {
  for (const result of report.results) {
    const mark = result.status === 'passed' ? 'ok  ' : result.status === 'failed' ? 'FAIL' : 'skip';
    console.log(`  ${mark} ${result.name}${result.violations ? ` (${result.violations}): ${result.examples.map((e) => `${e.subject} ${e.detail}`).join('; ')}` : ''}`);
  }
}

async function main(): Promise<number> {
  const options = soakOptions(process.argv.slice(2), process.env);
  const { body } = await agent<{ catalogue: { kinds: CatalogueEntry[] } }>(options, 'GET', '/experiments');
  const schedule = drawSchedule(options.seed, options.faults, body.catalogue.kinds);
  console.log(`soak: seed ${options.seed}, ${options.checkouts} checkouts at ${options.rate}/s, ${schedule.length} faults`);
  if (options.dryRun) {
    for (const fault of schedule) console.log(`  ${fault.kind} ${fault.target} ${fault.seconds}s after ${fault.pauseMs}ms`);
    return 0;
  }

  const probe = brokerDeadLetterProbe(options.AMQP_URL);
  const checker = InvariantChecker.connect(options.AUDIT_DATABASE_URL, probe);
  try {
    const deadLettersBefore = Object.values(await probe()).reduce((sum, count) => sum + count, 0);
    const baseline = await checker.stockBaseline();
    const load = startLoad({
      orchestratorUrl: options.ORCHESTRATOR_URL,
      amqpUrl: options.AMQP_URL,
      arrivals: { kind: 'open', perSecond: options.rate },
      orders: [
        { sku: 'DEMO-WIDGET', paymentMethod: SANDBOX_PAYMENT_METHODS.pays, weight: 85 },
        { sku: 'DEMO-WIDGET', paymentMethod: SANDBOX_PAYMENT_METHODS.declined, weight: 5 },
        { sku: 'DEMO-WIDGET', paymentMethod: SANDBOX_PAYMENT_METHODS.webhookTwice, weight: 5 },
        { sku: 'SOLD-OUT-GADGET', paymentMethod: SANDBOX_PAYMENT_METHODS.pays, weight: 5 },
      ],
      maxCheckouts: options.checkouts,
      maxDurationMs: Math.min(3_600_000, Math.ceil((options.checkouts / options.rate) * 1000 * 4) + 60_000),
      drainMs: options.settleSeconds * 1000,
    });

    const outcomes: FaultOutcome[] = [];
    for (const fault of schedule) {
      const outcome = await perform(options, fault);
      outcomes.push(outcome);
      console.log(`  fault ${outcomes.length}/${schedule.length}: ${fault.kind} ${fault.target} ${fault.seconds}s → ${outcome.state}${outcome.passed === null ? '' : outcome.passed ? ', passed' : ', FAILED'}`);
    }
    const lastFault = outcomes.length ? new Date(Math.max(...outcomes.map((outcome) => outcome.endedAt))) : undefined;
    const loadReport = await load.done;
    const injected = outcomes.filter((outcome) => outcome.fault.kind === 'poison-message' && outcome.state === 'finished').length;
    const report = await settle(checker, options, lastFault, {
      baseline,
      lastFaultEndedAt: lastFault,
      terminalWithinMs: options.settleSeconds * 1000,
      quietMs: options.quietMs,
      poisonInjected: deadLettersBefore + injected,
    });

    console.log(`seed ${options.seed}`);
    console.log(
      `checkouts: ${loadReport.started} started, ${loadReport.accepted} accepted, ${loadReport.shed} shed, ${loadReport.failedRequests} failed requests; ` +
        `${loadReport.completed} completed, ${loadReport.cancelled} cancelled, ${loadReport.failed} failed, ${loadReport.inFlight} unseen at the end`,
    );
    console.log(`faults: ${outcomes.length} performed, ${outcomes.filter((outcome) => outcome.passed).length} verdicts passed`);
    console.log(`invariants: ${report.passed ? 'all hold' : 'VIOLATED'}`);
    printReport(report);
    return report.passed ? 0 : 1;
  } finally {
    await checker.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
