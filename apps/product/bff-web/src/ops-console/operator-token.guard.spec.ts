import { AppError } from '@checkout/platform';
import type { ExecutionContext } from '@nestjs/common';
import { loadBffConfig } from '../config';
import { OperatorTokenGuard } from './operator-token.guard';

const TOKEN = 'operator-token-for-the-guard-spec';

function request(authorization?: string) {
  const headers = new Map<string, string>();
  const context = {
    switchToHttp: () => ({
      getRequest: () => ({ get: (name: string) => (name === 'authorization' ? authorization : undefined) }),
      getResponse: () => ({ setHeader: (name: string, value: string) => headers.set(name, value) }),
    }),
  } as unknown as ExecutionContext;
  return { context, headers };
}

function refusal(guard: OperatorTokenGuard, authorization?: string): { status: number; code: string; challenge?: string } {
  const { context, headers } = request(authorization);
  try {
    guard.canActivate(context);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: error.status, code: error.code, challenge: headers.get('WWW-Authenticate') };
  }
  throw new Error('the guard let the request through');
}

describe('the console’s operator token guard', () => {
  const guard = new OperatorTokenGuard(loadBffConfig({ OPS_TOKEN: TOKEN }));

  it('lets the right token through', () => {
    expect(guard.canActivate(request(`Bearer ${TOKEN}`).context)).toBe(true);
  });

  it('answers 401 with a Bearer challenge when no token is sent', () => {
    expect(refusal(guard)).toEqual({ status: 401, code: 'OPS.TOKEN_REQUIRED', challenge: 'Bearer realm="ops"' });
  });

  it('answers 403 to a wrong token, without a challenge to try again', () => {
    expect(refusal(guard, 'Bearer not-the-operator-token-at-all')).toEqual({ status: 403, code: 'OPS.TOKEN_REFUSED', challenge: undefined });
  });

  it('refuses every action with 403 when the edge has no token configured', () => {
    const disabled = new OperatorTokenGuard(loadBffConfig({}));
    expect(refusal(disabled, `Bearer ${TOKEN}`)).toMatchObject({ status: 403, code: 'OPS.ACTIONS_DISABLED' });
    expect(refusal(disabled)).toMatchObject({ status: 403, code: 'OPS.ACTIONS_DISABLED' });
  });
});
