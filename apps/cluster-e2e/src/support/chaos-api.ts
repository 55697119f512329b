/** Small helpers for driving /api/chaos/* (or the agent directly) in the chaos specs. */
export interface ExperimentView {
  id: string;
  kind: string;
  target: string;
  state: string;
  hypothesis: string;
  checks: { name: string; passed: boolean; detail: string }[];
  verdict: { passed: boolean; summary: string; timeToRecoverMs: number | null; checkoutsAffected: number } | null;
  evidence?: Record<string, unknown>;
}

export async function call(base: string, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed as Record<string, unknown>, text };
}

/** Polls an experiment until it is finished or aborted. */
export async function settled(base: string, path: string, timeoutMs = 150_000): Promise<ExperimentView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const experiment = (await call(base, 'GET', path)).body as unknown as ExperimentView;
    if (experiment.state === 'finished' || experiment.state === 'aborted') return experiment;
    if (Date.now() > deadline) throw new Error(`${path} still ${experiment.state}: ${JSON.stringify(experiment)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function until<T>(probe: () => Promise<T | false | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
