/**
 * Every service built on bootstrapService, each of which serves its OpenAPI document (the edge at
 * /api/docs with Swagger UI, the others at /openapi-json on their internal port). The fault proxy
 * is left out: it speaks Toxiproxy's HTTP API, which Toxiproxy documents.
 */
export const HTTP_API_SERVICES = [
  'bff-web',
  'checkout-orchestrator',
  'catalog-svc',
  'payments-svc',
  'psp-sandbox',
  'vault-sandbox',
  'chaos-agent',
] as const;
