import { describe, expect, it } from "vitest";
import { formatSize, humanizeBytes, typeBadge } from "./format";

describe("sizes", () => {
  it("reads byte counts in binary units, without a needless .0", () => {
    expect(formatSize(149)).toBe("149 B");
    expect(formatSize(25_165_824)).toBe("24 MiB");
    expect(formatSize(20_000_000)).toBe("19.1 MiB");
  });

  it("rewrites every byte count in a text written by the API", () => {
    expect(humanizeBytes("request body is larger than 1048576 bytes")).toBe("request body is larger than 1 MiB");
  });
});

describe("type badges", () => {
  it("names a file by its detected type before its name", () => {
    expect(typeBadge("archive.jpg", "application/zip")).toBe("ZIP");
    expect(typeBadge("big.txt", "text/plain; charset=utf-8")).toBe("TXT");
  });

  it("falls back to the name's extension, then to the type's subtype, then to FILE", () => {
    expect(typeBadge("movie.webm", "video/webm")).toBe("WEBM");
    expect(typeBadge("README", "application/x-tar")).toBe("TAR");
    expect(typeBadge("README", "application/vnd.ms-excel")).toBe("FILE");
  });
});
