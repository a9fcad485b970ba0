// What the API answers when it refuses: problem+json (RFC 9457), or API Gateway's own
// {"message": "..."} for what it refuses before the function (401 from the JWT authorizer, 429 from
// throttling, 404 for a path it does not route). Each becomes one sentence a person can act on.

export interface Problem {
  status: number;
  type: string;
  title: string;
  detail?: string;
  field?: string;
  request_id?: string;
}

const PREFIX = "https://filepipe.dev/problems/";

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(describe(problem));
  }

  get kind(): string {
    return this.problem.type.startsWith(PREFIX) ? this.problem.type.slice(PREFIX.length) : this.problem.type;
  }
}

/** What to tell the user about the problem of each type: why, and what to do next. */
const ADVICE: Record<string, string> = {
  unauthorized: "Your session has ended. Sign in again.",
  "payload-too-large": "The file is larger than this service accepts.",
  "too-many-uploads": "You have as many uploads open as allowed. Wait for one to finish, then try again.",
  "too-many-requests": "Too many requests at once. Wait a moment and try again.",
  "too-many-shares": "You have the maximum number of live share links.",
  "upload-expired": "This upload took too long and expired. Start it again.",
  "upload-mismatch": "The bytes that arrived are not the file that was announced. Start the upload again.",
  "invalid-parts": "Some parts of the upload did not arrive intact. Resume the upload.",
  "invalid-file-name": "The file name is not acceptable.",
  "empty-file": "The file is empty.",
  "service-unavailable": "The service is busy or a storage backend failed. Try again in a moment.",
  "not-found": "It is not there any more (deleted, or never yours).",
  "internal-error": "Something went wrong on the server. Try again; if it persists, quote the request id.",
};

export function describe(problem: Problem): string {
  const kind = problem.type.startsWith(PREFIX) ? problem.type.slice(PREFIX.length) : problem.type;
  const advice = ADVICE[kind];
  const detail = problem.detail ? `${problem.detail.replace(/\.$/, "")}.` : problem.title;
  return advice ? `${advice} (${detail})` : detail;
}

/** The problem of a refused response, whatever shape its body has. */
export function problemOf(status: number, contentType: string | null, body: string): Problem {
  if (contentType?.includes("json")) {
    try {
      const json = JSON.parse(body);
      if (typeof json.type === "string" && typeof json.title === "string") {
        return json as Problem;
      }
      if (typeof json.message === "string") {
        return gatewayProblem(status, json.message);
      }
    } catch {
      // not JSON after all: described by its status below
    }
  }
  return gatewayProblem(status, body.trim() || `HTTP ${status}`);
}

function gatewayProblem(status: number, message: string): Problem {
  const type = status === 401 ? "unauthorized" : status === 429 ? "too-many-requests" : status === 413 ? "payload-too-large" : `http-${status}`;
  return { status, type: PREFIX + type, title: message };
}
