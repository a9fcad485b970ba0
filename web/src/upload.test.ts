import { describe, expect, it } from "vitest";
import { inParallel, pathFor, SMALL_FILE_LIMIT } from "./upload";
import { nextDelay, MAX_DELAY_MS, FIRST_DELAY_MS } from "./poll";

describe("upload", () => {
  it("sends files up to the small limit in one request and larger ones straight to storage", () => {
    expect(pathFor(SMALL_FILE_LIMIT)).toBe("small");
    expect(pathFor(SMALL_FILE_LIMIT + 1)).toBe("large");
  });

  it("runs no more tasks at once than allowed and keeps their order", async () => {
    let running = 0;
    let most = 0;
    const tasks = [1, 2, 3, 4, 5, 6].map((n) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      return n * 10;
    });
    expect(await inParallel(tasks, 2)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(most).toBe(2);
  });
});

describe("polling", () => {
  it("backs off while nothing changes, up to a ceiling, and starts over on a change", () => {
    let delay = nextDelay(undefined, false);
    expect(delay).toBe(FIRST_DELAY_MS);
    for (let i = 0; i < 20; i++) delay = nextDelay(delay, false);
    expect(delay).toBe(MAX_DELAY_MS);
    expect(nextDelay(delay, true)).toBe(FIRST_DELAY_MS);
  });
});
