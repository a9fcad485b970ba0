import { describe, expect, it } from "vitest";
import { inParallel, pathFor, resumeKey, SMALL_FILE_LIMIT, upload } from "./upload";
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

describe("resuming a large upload", () => {
  class MemoryStorage {
    items = new Map<string, string>();
    getItem(key: string) { return this.items.get(key) ?? null; }
    setItem(key: string, value: string) { this.items.set(key, value); }
    removeItem(key: string) { this.items.delete(key); }
  }

  it("asks which parts are missing, sends only those and completes with every part", async () => {
    const file = new File([new Uint8Array(SMALL_FILE_LIMIT * 3)], "big.bin", { lastModified: 1 });
    const partSize = SMALL_FILE_LIMIT;
    const store = new MemoryStorage();
    store.setItem(resumeKey(file), "upload-1");
    const calls: string[] = [];
    let completed: unknown;
    const api = {
      json: async (method: string, path: string, body?: unknown) => {
        calls.push(`${method} ${path}`);
        if (method === "GET") {
          return {
            upload_id: "upload-1", file_id: "upload-1", part_size: partSize, part_count: 3, status: "OPEN", headers: {},
            uploaded_parts: [{ part_number: 1, etag: '"e1"', size: partSize }, { part_number: 3, etag: '"e3"', size: partSize }],
            parts: [{ part_number: 2, url: "https://s3.example/part2", size: partSize }],
          };
        }
        completed = body;
        return { file_id: "upload-1" };
      },
      putPart: async (url: string, _headers: unknown, part: Blob) => {
        calls.push(`PUT ${url} ${part.size}`);
        return '"e2"';
      },
    };
    let last = 0;

    const fileId = await upload(api as never, file, (f) => (last = f), new AbortController().signal, store as never);

    expect(fileId).toBe("upload-1");
    expect(calls).toEqual(["GET /uploads/upload-1", `PUT https://s3.example/part2 ${partSize}`, "POST /uploads/upload-1/complete"]);
    expect(completed).toEqual({ parts: [{ part_number: 1, etag: '"e1"' }, { part_number: 2, etag: '"e2"' }, { part_number: 3, etag: '"e3"' }] });
    expect(last).toBe(1);
    expect(store.getItem(resumeKey(file))).toBeNull();
  });
});
