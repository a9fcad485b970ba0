import { describe, expect, it } from "vitest";
import { ApiProblem, ConnectionFailed, problemOf, resumable, storageProblem } from "./problems";

const problem = (status: number, kind: string, detail?: string) => new ApiProblem(problemOf(status, "application/problem+json",
  JSON.stringify({ type: `https://filepipe.dev/problems/${kind}`, title: kind, status, detail, request_id: "r-1" })));

describe("problems", () => {
  it("tells what to do about a problem+json the API answers, and keeps its detail beside the message", () => {
    const tooLarge = problem(413, "payload-too-large", "size exceeds 5 MiB");
    expect(tooLarge.message).toBe("The file is larger than this service accepts. Compress it or split it into smaller files, then upload those.");
    expect(tooLarge.apiText).toBe("413 payload-too-large · size exceeds 5 MiB · request id r-1");
  });

  it("says the size limit in human units, not in bytes", () => {
    expect(problem(413, "payload-too-large", "size is larger than 25165824 bytes").message)
      .toBe("The file is larger than this service accepts (at most 24 MiB). Compress it or split it into smaller files, then upload those.");
    expect(problem(400, "invalid-field", "comment is longer than 1024 bytes").message).toBe("comment is longer than 1 KiB.");
  });

  it("reads API Gateway's own refusal as a problem of its status", () => {
    const problem = problemOf(401, "application/json", '{"message":"Unauthorized"}');
    expect(new ApiProblem(problem).kind).toBe("unauthorized");
    expect(new ApiProblem(problem).message).toContain("Sign in again");
  });

  it("shows the detail of a problem type it has no advice for", () => {
    const problem = problemOf(400, "application/problem+json",
      JSON.stringify({ type: "https://filepipe.dev/problems/invalid-field", title: "bad", status: 400, detail: "comment is too long" }));
    expect(new ApiProblem(problem).message).toBe("comment is too long.");
  });
});

describe("what can be resumed", () => {
  it("offers resume after a broken connection, a server failure, an expired part URL or a wait-and-retry", () => {
    expect(resumable(new ConnectionFailed("127.0.0.1:8080"))).toBe(true);
    expect(resumable(problem(503, "service-unavailable"))).toBe(true);
    expect(resumable(problem(500, "internal-error"))).toBe(true);
    expect(resumable(new ApiProblem(storageProblem(403, "application/xml",
      "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")))).toBe(true);
    expect(resumable(problem(429, "too-many-uploads"))).toBe(true);
  });

  it("offers no resume for a refusal of the file itself or an error it cannot explain", () => {
    expect(resumable(problem(413, "payload-too-large", "size is larger than 25165824 bytes"))).toBe(false);
    expect(resumable(problem(400, "invalid-file-name"))).toBe(false);
    expect(resumable(problem(400, "empty-file"))).toBe(false);
    expect(resumable(problem(410, "upload-expired"))).toBe(false);
    expect(resumable(new Error("the storage answered without an ETag"))).toBe(false);
  });

  it("reads S3's refusal of an expired part URL as a problem a resume fixes, in its own words", () => {
    const expired = new ApiProblem(storageProblem(403, "application/xml",
      "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"));
    expect(expired.kind).toBe("part-url-expired");
    expect(expired.message).toContain("Resume");
    expect(expired.apiText).toBe("403 Request has expired");
  });
});

