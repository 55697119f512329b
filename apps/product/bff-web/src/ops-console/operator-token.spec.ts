import { operatorAccess } from './operator-token';

const TOKEN = 'operator-token-for-the-unit-spec';

describe('an operator action’s credentials', () => {
  it('are granted for the configured token sent as a Bearer token', () => {
    expect(operatorAccess(TOKEN, `Bearer ${TOKEN}`)).toBe('granted');
    expect(operatorAccess(TOKEN, `bearer ${TOKEN}`)).toBe('granted');
  });

  it('are missing without an Authorization header, with an empty one, or with another scheme', () => {
    expect(operatorAccess(TOKEN, undefined)).toBe('missing');
    expect(operatorAccess(TOKEN, '')).toBe('missing');
    expect(operatorAccess(TOKEN, 'Bearer ')).toBe('missing');
    expect(operatorAccess(TOKEN, `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}`)).toBe('missing');
    expect(operatorAccess(TOKEN, TOKEN)).toBe('missing');
  });

  it('are wrong for any other token, a prefix or an extension of the right one included', () => {
    expect(operatorAccess(TOKEN, 'Bearer operator-token-for-the-unit-spez')).toBe('wrong');
    expect(operatorAccess(TOKEN, `Bearer ${TOKEN.slice(0, -1)}`)).toBe('wrong');
    expect(operatorAccess(TOKEN, `Bearer ${TOKEN}x`)).toBe('wrong');
    expect(operatorAccess(TOKEN, `Bearer ${TOKEN.toUpperCase()}`)).toBe('wrong');
  });

  it('grant nothing when no token is configured, whatever is sent', () => {
    expect(operatorAccess(undefined, `Bearer ${TOKEN}`)).toBe('disabled');
    expect(operatorAccess(undefined, undefined)).toBe('disabled');
  });
});
