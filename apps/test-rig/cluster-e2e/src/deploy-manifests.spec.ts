import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { HealthController } from '@checkout/platform';
import { ALL_SERVICES, type ClusterService } from './support/test-cluster';
import { WORKSPACE_ROOT } from './support/service-process';
import { validateKubernetesObject } from './support/kubernetes-schemas';
// The manifests must agree with each service's own configuration schema, the one list of the
// variables it reads; reading it from here is the point of this test.
/* eslint-disable @nx/enforce-module-boundaries */
import { BffConfigSchema, loadBffConfig } from '../../../product/bff-web/src/config';
import { CatalogConfigSchema } from '../../../product/catalog-svc/src/config';
import { OrchestratorConfigSchema } from '../../../product/checkout-orchestrator/src/config';
import { PaymentsConfigSchema } from '../../../product/payments-svc/src/config';
import { PspSandboxConfigSchema } from '../../../stand-ins/psp-sandbox/src/config';
/* eslint-enable @nx/enforce-module-boundaries */

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, unknown> } & Record<string, unknown>;
type Container = {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
};

const BASE = join(WORKSPACE_ROOT, 'deploy/kubernetes/base');
// A deployment uses a real Vault, never the stand-in: the manifests cover the cluster proper.
const SCHEMAS: Record<ClusterService, z.ZodObject> = {
  'bff-web': BffConfigSchema,
  'checkout-orchestrator': OrchestratorConfigSchema,
  'catalog-svc': CatalogConfigSchema,
  'payments-svc': PaymentsConfigSchema,
  'psp-sandbox': PspSandboxConfigSchema,
};

function readManifests(dir: string): Manifest[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) => parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => doc.toJS() as Manifest));
}

const manifests = readManifests(BASE);
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const configData = () => (find('ConfigMap', 'checkout-config') as unknown as { data: Record<string, string> }).data;
const podSpec = (name: string) => (find('Deployment', name)?.spec as { template: { metadata: { annotations: Record<string, string> }; spec: { containers: Container[] } } }).template;

/** Variables a service must be given in a cluster: those it cannot start without, and those whose default only fits a developer machine. */
function mustBeSet(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape).flatMap(([key, field]) => {
    const parsed = (field as z.ZodType).safeParse(undefined);
    if (!parsed.success) return [key];
    const fallback = String(parsed.data);
    return /127\.0\.0\.1|localhost|_local_only_|sandbox_local/.test(fallback) ? [key] : [];
  });
}

/** What the Vault Agent template renders into the file the container sources before node starts. */
const fromVault = (annotations: Record<string, string>, file: 'env' | 'migrate') =>
  [...(annotations[`vault.hashicorp.com/agent-inject-template-${file}`] ?? '').matchAll(/export (\w+)=/g)].map((match) => match[1]);

describe('the Kubernetes manifests (deploy/kubernetes)', () => {
  it('are every one a valid object for its kind: built-in kinds against the Kubernetes schemas, operators\' resources structurally', () => {
    const problems = manifests.flatMap((manifest) => validateKubernetesObject(manifest).map((p) => `${manifest.kind}/${manifest.metadata.name}: ${p}`));
    expect(problems).toEqual([]);
    expect(manifests.length).toBeGreaterThan(20);
  });

  it('would be refused if one broke its schema (the validation is not a formality)', () => {
    const deployment = structuredClone(find('Deployment', 'catalog-svc')) as Manifest & { spec: { replicas: unknown } };
    deployment.spec.replicas = 'two';
    expect(validateKubernetesObject(deployment)).not.toEqual([]);
    const broker = structuredClone(find('RabbitmqCluster', 'checkout-broker')) as Manifest & { spec: { replicas: unknown } };
    broker.spec.replicas = 0;
    expect(validateKubernetesObject(broker)).not.toEqual([]);
    expect(validateKubernetesObject({ apiVersion: 'v1', kind: 'Pod' })).toEqual(['no schema for v1/Pod']);
  });

  it('list every file of deploy/kubernetes/base in its kustomization, and the overlay builds on the base', () => {
    const kustomization = parseAllDocuments(readFileSync(join(BASE, 'kustomization.yaml'), 'utf8'))[0].toJS() as { resources: string[] };
    const files = readdirSync(BASE).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    const overlay = parseAllDocuments(readFileSync(join(WORKSPACE_ROOT, 'deploy/kubernetes/overlays/production/kustomization.yaml'), 'utf8'))[0].toJS() as {
      resources: string[];
      replicas: { name: string }[];
    };
    expect(overlay.resources).toContain('../../base');
    expect(overlay.replicas.map((r) => r.name).sort()).toEqual([...ALL_SERVICES].sort());
  });

  it('migrates every schema once, in a Job given the admin login, before the services (decision 0038)', () => {
    const job = find('Job', 'checkout-migrate') as Manifest & { spec: { template: { metadata: { annotations: Record<string, string> }; spec: { containers: Container[] } } } };
    const script = job.spec.template.spec.containers[0].command?.join(' ') ?? '';
    const owners = ALL_SERVICES.filter((name) => 'DATABASE_URL' in SCHEMAS[name].shape);
    expect(owners.length).toBeGreaterThan(0);
    for (const name of owners) expect(script).toContain(`${name}=`);
    expect(script).toMatch(/node "dist\/apps\/\$\{pair%%=\*\}\/main\.js" migrate/);
    expect(fromVault(job.spec.template.metadata.annotations, 'migrate')).toEqual(['DATABASE_ADMIN_URL']);
  });

  describe.each(ALL_SERVICES)('%s', (name) => {
    const template = podSpec(name);
    const [container] = template.spec.containers;
    const env = new Map((container.env ?? []).map((variable) => [variable.name, variable.value]));
    const port = container.ports?.[0].containerPort;

    it('runs its own bundle from the one image, on the port its configuration defaults to', () => {
      expect(container.image).toBe('checkout-cluster');
      expect(container.command?.join(' ')).toContain(`exec node --no-memory-reducer dist/apps/${name}/main.js`);
      expect(port).toBe(SCHEMAS[name].shape.PORT.parse(undefined));
      expect(env.get('PORT')).toBe(String(port));
      expect((find('Service', name)?.spec as { ports: { port: number }[] }).ports[0].port).toBe(port);
    });

    it('is given every variable its configuration needs in a cluster, and none it does not read', () => {
      const shared = configData();
      const own = new Set([...env.keys(), ...fromVault(template.metadata.annotations, 'env')]);
      const given = new Set([...own, ...Object.keys(shared)]);
      const needed = mustBeSet(SCHEMAS[name]);
      expect(needed.filter((key) => !given.has(key))).toEqual([]);
      expect([...own].filter((key) => !(key in SCHEMAS[name].shape))).toEqual([]);
    });

    it('is given no admin login: the one-shot migration Job has it, and no container of this pod', () => {
      const annotations = JSON.stringify(template.metadata.annotations ?? {});
      expect(annotations).not.toMatch(/postgres-admin|DATABASE_ADMIN_URL/);
      expect((template.spec as { initContainers?: unknown[] }).initContainers).toBeUndefined();
      expect(Object.keys(configData())).not.toContain('DATABASE_ADMIN_URL');
    });

    it('probes paths the service answers, on its port', () => {
      const routes = healthRoutes();
      expect(routes).toContain(container.readinessProbe?.httpGet?.path);
      expect(routes).toContain(container.livenessProbe?.httpGet?.path);
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(container.ports?.[0].name).toBe(container.readinessProbe?.httpGet?.port);
    });

    it('has a disruption budget and an autoscaler for its Deployment', () => {
      expect(find('PodDisruptionBudget', name)).toBeDefined();
      expect((find('HorizontalPodAutoscaler', name)?.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name).toBe(name);
    });
  });

  it('let the Prometheus operator scrape every service through one ServiceMonitor and a port named "metrics"', () => {
    const monitor = find('ServiceMonitor', 'checkout-cluster') as unknown as {
      spec: { selector: { matchLabels: Record<string, string> }; endpoints: { port: string; path: string }[] };
    };
    expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
    for (const name of Object.keys(SCHEMAS)) {
      const service = find('Service', name) as unknown as { metadata: { labels: Record<string, string> }; spec: { ports: { name: string; targetPort: string }[] } };
      expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
      const metrics = service.spec.ports.find((port) => port.name === 'metrics');
      // The edge's public port never serves /metrics: its scrape goes to the container's own metrics port.
      expect(metrics?.targetPort).toBe(name === 'bff-web' ? 'metrics' : 'http');
    }
  });

  it('leaves only the edge public, and only through the ingress controller, whose forwarded-for it trusts', () => {
    const policies = manifests.filter((m) => m.kind === 'NetworkPolicy');
    const openToAll = policies.filter((p) => (p.spec as { ingress?: { from?: unknown[] }[] }).ingress?.some((rule) => !rule.from));
    expect(openToAll).toEqual([]);
    const publicPolicy = find('NetworkPolicy', 'bff-web-public')?.spec as { podSelector: { matchLabels: Record<string, string> }; ingress: { from: unknown[]; ports: { port: number }[] }[] };
    expect(publicPolicy.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'bff-web' });
    expect(publicPolicy.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 3000 }] }]);
    expect(policies.some((p) => JSON.stringify((p.spec as { podSelector: unknown }).podSelector) === '{}')).toBe(true);
  });

  it('gives the edge what holds its limits behind the proxy in production: its public origins and the proxies it trusts', () => {
    const env = Object.fromEntries((podSpec('bff-web').spec.containers[0].env ?? []).map((entry) => [entry.name, entry.value]));
    const config = loadBffConfig({ ...configData(), ...env });
    expect(config.NODE_ENV).toBe('production');
    expect(config.PUBLIC_ORIGINS.every((origin) => origin.startsWith('https://'))).toBe(true);
    expect(config.TRUSTED_PROXIES).toEqual(['uniquelocal']);
  });

  it('gives each pod a grace period that holds its preStop sleep and the whole drain', () => {
    const config = { data: configData() };
    for (const name of ALL_SERVICES) {
      const spec = (find('Deployment', name)?.spec as { template: { spec: { terminationGracePeriodSeconds: number; containers: { lifecycle: { preStop: { exec: { command: string[] } } } }[] } } }).template.spec;
      const preStopSeconds = Number(spec.containers[0].lifecycle.preStop.exec.command[1]);
      const drainSeconds = (Number(config.data.SHUTDOWN_DELAY_MS) + Number(config.data.SHUTDOWN_TIMEOUT_MS)) / 1000;
      expect(preStopSeconds + drainSeconds).toBeLessThan(spec.terminationGracePeriodSeconds);
    }
  });
});

/** The routes of the platform's health controller, which every service mounts. */
function healthRoutes(): string[] {
  const base = Reflect.getMetadata('path', HealthController) as string;
  return Object.getOwnPropertyNames(HealthController.prototype)
    .map((method) => Reflect.getMetadata('path', (HealthController.prototype as unknown as Record<string, object>)[method]) as string | undefined)
    .filter((path): path is string => typeof path === 'string')
    .map((path) => `/${base}/${path}`);
}
