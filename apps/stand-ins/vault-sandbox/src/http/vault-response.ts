import { randomUUID } from 'node:crypto';

/** Vault's response envelope; fields this API subset never fills are present and null, as in Vault. */
export function vaultResponse(fields: {
  lease_id?: string;
  renewable?: boolean;
  lease_duration?: number;
  data: Record<string, unknown> | null;
}) {
  return {
    request_id: randomUUID(),
    lease_id: fields.lease_id ?? '',
    renewable: fields.renewable ?? false,
    lease_duration: fields.lease_duration ?? 0,
    data: fields.data,
    wrap_info: null,
    warnings: null,
    auth: null,
  };
}
