/** Every party that sends or handles checkout messages, the browser included. */
export const PARTICIPANTS = [
  'browser',
  'bff-web',
  'checkout-orchestrator',
  'catalog-svc',
  'payments-svc',
  'psp-sandbox',
] as const;

export type Participant = (typeof PARTICIPANTS)[number];

export function isParticipant(value: unknown): value is Participant {
  return (PARTICIPANTS as readonly unknown[]).includes(value);
}
