// What the API answers when it refuses: problem+json (RFC 9457), or API Gateway's own
// {"message": "..."} for what it refuses before the function (401 from the JWT authorizer, 429 from
// throttling, 404 for a path it does not route), or S3 refusing a part's presigned URL. Each becomes
// one sentence a person can act on; the API's own words stay available beside it (apiText).
import { formatSize, humanizeBytes } from "./format";

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
    return kindOf(this.problem);
  }

  /** What the API said, as it said it (for a details element; the message has it in plain words). */
  get apiText(): string {
    const { status, title, detail, request_id } = this.problem;
    return [`${status} ${title}`, detail, request_id && `request id ${request_id}`].filter(Boolean).join(" · ");
  }
}

/** The browser could not reach the API or the storage at all (offline, reset, refused). */
export class ConnectionFailed extends Error {
  constructor(host: string) {
    super(`The connection to ${host} failed. Check your network and try again.`);
  }
}

/** Problems after which sending the rest again can succeed; everything else is final for this file. */
const RESUMABLE = new Set(["part-url-expired", "invalid-parts", "too-many-uploads", "too-many-requests", "slow-down"]);

/**
 * Whether to offer Resume: a broken connection, the server failing (5xx), a presigned part URL that
 * expired (a resume asks for fresh ones) or a "wait and try again"; not a refusal of the file itself
 * (too large, a bad name, empty) nor anything the page cannot explain.
 */
export function resumable(error: unknown): boolean {
  if (error instanceof ConnectionFailed) {
    return true;
  }
  return error instanceof ApiProblem && (error.problem.status >= 500 || RESUMABLE.has(error.kind));
}

function kindOf(problem: Problem): string {
  return problem.type.startsWith(PREFIX) ? problem.type.slice(PREFIX.length) : problem.type;
}

/** What to tell the user about the problem of each type: why, and what to do next. */
const ADVICE: Record<string, string> = {
  unauthorized: "Your session has ended. Sign in again.",
  "payload-too-large": "The file is larger than this service accepts. Compress it or split it into smaller files, then upload those.",
  "part-url-expired": "The upload's links to the storage expired. Resume to get fresh ones and send the rest.",
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
  const kind = kindOf(problem);
  if (kind === "payload-too-large") {
    // "file is larger than N bytes" (POST /upload) or "size is larger than N bytes" (POST /uploads)
    const limit = /(?:file|size) is larger than (\d+) bytes/.exec(problem.detail ?? "")?.[1];
    if (limit) {
      return `The file is larger than this service accepts (at most ${formatSize(Number(limit))}). `
        + "Compress it or split it into smaller files, then upload those.";
    }
  }
  return ADVICE[kind] ?? humanizeBytes(problem.detail ? `${problem.detail.replace(/\.$/, "")}.` : problem.title);
}

/** S3's refusal of a part: 403 is a presigned URL it no longer accepts (expired), which a resume renews. */
export function storageProblem(status: number, contentType: string | null, body: string): Problem {
  if (status === 403) {
    const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? "Forbidden";
    return { status, type: PREFIX + "part-url-expired", title: message };
  }
  return problemOf(status, contentType, body);
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
