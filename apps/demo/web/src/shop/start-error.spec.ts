import { ApiError, NETWORK_ERROR } from '../api/http-client';
import { startErrorMessage } from './start-error';

describe('a checkout the edge refuses to start', () => {
  it('tells a rate-limited visitor how long to wait', () => {
    expect(startErrorMessage(new ApiError(429, 'RATE_LIMITED', 'ThrottlerException', 12))).toBe('Too many checkouts, try again in 12 s');
  });

  it('still says to wait when the edge gave no Retry-After', () => {
    expect(startErrorMessage(new ApiError(429, 'RATE_LIMITED', 'x'))).toBe('Too many checkouts, try again in a minute');
  });

  it('passes on the message of a 400, which is written for the client', () => {
    expect(startErrorMessage(new ApiError(400, 'SCENARIO.UNKNOWN', 'Unknown scenario "free-money"'))).toBe('Unknown scenario "free-money"');
  });

  it('says the shop is not answering when the request never got a reply', () => {
    expect(startErrorMessage(new ApiError(NETWORK_ERROR, 'NETWORK', 'No answer'))).toMatch(/not answering/);
  });
});
