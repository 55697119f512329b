import crypto from 'node:crypto';
import { SignedBodyNotJsonError, verifyWebhookSignature } from './webhook-signature';

const SECRET = 'whsec_test_secret_for_unit_tests';
const NOW = 1_763_700_000;
const event = { id: 'evt_1', type: 'checkout.session.completed', data: { object: { amount_total: 3999 } } };
const body = Buffer.from(JSON.stringify(event));
const options = { secret: SECRET, toleranceSeconds: 300, nowSeconds: NOW };

/** The signature as the provider computes it, written out independently of the code under test. */
function sign(payload: Buffer | string, timestamp = NOW, secret = SECRET): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${payload.toString()}`).digest('hex');
}

const verify = (header: string | undefined, payload: Buffer = body) => verifyWebhookSignature(header, payload, options);

describe('verifying a webhook signature', () => {
  it('accepts a payload signed with our secret just now, and returns the event it carries', () => {
    expect(verify(`t=${NOW},v1=${sign(body)}`)).toEqual({ valid: true, event });
  });

  it('rejects a payload changed after it was signed', () => {
    const tampered = Buffer.from(body.toString().replace('3999', '1'));
    expect(verify(`t=${NOW},v1=${sign(body)}`, tampered)).toEqual({
      valid: false,
      reason: 'No signatures found matching the expected signature for payload',
    });
  });

  it('rejects a payload signed with another secret', () => {
    expect(verify(`t=${NOW},v1=${sign(body, NOW, 'whsec_someone_elses_secret')}`).valid).toBe(false);
  });

  it('rejects a request without the header', () => {
    expect(verify(undefined)).toEqual({ valid: false, reason: 'the Stripe-Signature header is missing' });
    expect(verify('')).toEqual({ valid: false, reason: 'the Stripe-Signature header is missing' });
  });

  it.each([
    ['not key=value pairs', 'garbage'],
    ['no timestamp', `v1=${sign(body)}`],
  ])('rejects a garbled header: %s', (_case, header) => {
    expect(verify(header).valid).toBe(false);
  });

  it('rejects a header with no v1 signature, even with a valid signature under another scheme', () => {
    expect(verify(`t=${NOW},v0=${sign(body)}`)).toEqual({ valid: false, reason: 'No signatures found with expected scheme' });
  });

  it('accepts a header where one of several v1 signatures matches, as during a secret rotation', () => {
    const header = `t=${NOW},v1=${sign(body, NOW, 'whsec_the_retired_secret_value')},v1=${sign(body)},v0=abc`;
    expect(verify(header).valid).toBe(true);
  });

  it('rejects a correctly signed request older than the tolerance, and accepts one just inside it', () => {
    const old = NOW - 301;
    expect(verify(`t=${old},v1=${sign(body, old)}`)).toEqual({ valid: false, reason: 'Timestamp outside the tolerance zone' });
    const recent = NOW - 299;
    expect(verify(`t=${recent},v1=${sign(body, recent)}`).valid).toBe(true);
  });

  it('rejects a timestamp further in the future than clock skew explains (the SDK alone would accept it)', () => {
    const future = NOW + 31;
    expect(verify(`t=${future},v1=${sign(body, future)}`)).toEqual({ valid: false, reason: 'the signed timestamp is in the future' });
    const skewed = NOW + 29;
    expect(verify(`t=${skewed},v1=${sign(body, skewed)}`).valid).toBe(true);
  });

  it('reports a correctly signed body that is not JSON as such, not as a bad signature', () => {
    const garbled = Buffer.from('{nope');
    expect(() => verify(`t=${NOW},v1=${sign(garbled)}`, garbled)).toThrow(SignedBodyNotJsonError);
  });
});
