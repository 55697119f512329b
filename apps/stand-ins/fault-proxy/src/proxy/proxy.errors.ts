/** An API error with Toxiproxy's status codes: 400 bad request, 404 unknown, 409 exists. */
export class ProxyError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
