import { describe, expect, it } from "vitest";
import { ApiProblem, problemOf } from "./problems";

describe("problems", () => {
  it("tells what to do about a problem+json the API answers, with its detail", () => {
    const problem = problemOf(413, "application/problem+json",
      JSON.stringify({ type: "https://filepipe.dev/problems/payload-too-large", title: "t", status: 413, detail: "size exceeds 5 MiB" }));
    expect(new ApiProblem(problem).message).toBe("The file is larger than this service accepts. (size exceeds 5 MiB.)");
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
