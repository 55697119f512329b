import { ApiError, NETWORK_ERROR } from '../api/http-client';

/** What to tell the visitor when a checkout could not be started. */
export function startErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return 'Something went wrong starting the checkout.';
  }
  if (error.status === 429) {
    return error.retryAfterSeconds === null
      ? 'Too many checkouts, try again in a minute'
      : `Too many checkouts, try again in ${error.retryAfterSeconds} s`;
  }
  if (error.status === NETWORK_ERROR) {
    return 'The shop is not answering. Check that bff-web is running, then try again.';
  }
  return error.message;
}
