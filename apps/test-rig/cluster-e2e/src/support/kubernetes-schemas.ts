import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { z } from 'zod';

/** Built-in kinds, validated against the Kubernetes OpenAPI schemas the package ships. */
const BUILT_IN: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

const named = z.object({ name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/) }).loose();
const resources = z.object({ requests: z.record(z.string(), z.string()), limits: z.record(z.string(), z.string()) }).loose();

/**
 * The operators' resources, checked on the fields we set (their CRDs are not in any package
 * we can install offline): the shape their documented APIs give them.
 */
const CUSTOM: Record<string, z.ZodType> = {
  'postgresql.cnpg.io/v1/Cluster': z.object({
    metadata: named,
    spec: z
      .object({
        instances: z.number().int().min(1),
        imageName: z.string(),
        bootstrap: z.object({ initdb: z.object({ database: z.string(), owner: z.string() }).loose() }),
        storage: z.object({ size: z.string().regex(/^\d+(Mi|Gi|Ti)$/) }).loose(),
        resources,
      })
      .loose(),
  }),
  'postgresql.cnpg.io/v1/Pooler': z.object({
    metadata: named,
    spec: z
      .object({
        cluster: z.object({ name: z.string() }),
        instances: z.number().int().min(1),
        type: z.enum(['rw', 'ro', 'r']),
        pgbouncer: z.object({ poolMode: z.enum(['session', 'transaction']), parameters: z.record(z.string(), z.string()) }).loose(),
      })
      .loose(),
  }),
  'monitoring.coreos.com/v1/ServiceMonitor': z.object({
    metadata: named,
    spec: z
      .object({
        selector: z.object({ matchLabels: z.record(z.string(), z.string()) }).loose(),
        endpoints: z
          .array(
            z
              .object({
                port: z.string(),
                path: z.string().startsWith('/'),
                interval: z.string().regex(/^\d+(s|m)$/),
                relabelings: z.array(z.object({ sourceLabels: z.array(z.string()), targetLabel: z.string() }).loose()).optional(),
              })
              .loose(),
          )
          .min(1),
      })
      .loose(),
  }),
  'rabbitmq.com/v1beta1/RabbitmqCluster': z.object({
    metadata: named,
    spec: z
      .object({
        replicas: z.number().int().min(1),
        image: z.string(),
        rabbitmq: z.object({ additionalConfig: z.string() }).loose(),
        persistence: z.object({ storage: z.string() }).loose(),
        resources,
      })
      .loose(),
  }),
};

/** What is wrong with one manifest, or nothing; an unknown kind is a problem too. */
export function validateKubernetesObject(manifest: { apiVersion: string; kind: string }): string[] {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const Model = BUILT_IN[key];
  if (Model) {
    try {
      new Model(manifest as never).validate();
      return [];
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)];
    }
  }
  const schema = CUSTOM[key];
  if (!schema) return [`no schema for ${key}`];
  const parsed = schema.safeParse(manifest);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
