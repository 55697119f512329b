/** Asks each service's /health/ready: the steady state's first condition is "everyone is ready". */
export class ServiceProbe {
  constructor(private readonly services: Readonly<Record<string, string>>) {}

  get names(): string[] {
    return Object.keys(this.services);
  }

  async readiness(): Promise<Record<string, boolean>> {
    const entries = await Promise.all(
      Object.entries(this.services).map(async ([name, url]) => [name, await ready(url)] as const),
    );
    return Object.fromEntries(entries);
  }

  async allReady(): Promise<boolean> {
    return Object.values(await this.readiness()).every(Boolean);
  }
}

async function ready(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1500) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
