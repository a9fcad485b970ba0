// Live status by polling with backoff: the next look comes sooner after a change and later while
// nothing changes, and stops when no file on the page is still on its way. Not server events: on AWS
// the page goes through API Gateway's HTTP API to a Lambda function, which answers each request
// whole (no streamed responses through Lambda Web Adapter there) and ends an integration after 30 s,
// so a held-open event stream would be cut and billed for its whole duration; a poll costs one
// short request.

export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 15000;
export const FACTOR = 1.6;

export function nextDelay(previous: number | undefined, changed: boolean): number {
  if (previous === undefined || changed) {
    return FIRST_DELAY_MS;
  }
  return Math.min(MAX_DELAY_MS, Math.round(previous * FACTOR));
}

export function unfinished(statuses: string[]): boolean {
  return statuses.some((s) => s === "PENDING" || s === "PROCESSING");
}
