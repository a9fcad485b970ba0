// The filepipe API as the page uses it: every call carries the IdToken, every refusal becomes an
// ApiProblem. Uploads go through XMLHttpRequest because fetch reports no upload progress.
import { ApiProblem, ConnectionFailed, problemOf, storageProblem, type Problem } from "./problems";

export interface FileItem {
  file_id: string;
  file_name: string;
  comment?: string;
  size: number;
  content_type: string;
  status: "PENDING" | "PROCESSING" | "PROCESSED" | "REJECTED" | "FAILED";
  created_at: string;
  result?: { content_type?: string; width?: number; height?: number; derived_keys?: string[] };
  error?: { code: string; message: string };
}

export interface FilePage {
  items: FileItem[];
  next_cursor?: string;
}

export interface UploadTicket {
  upload_id: string;
  file_id: string;
  part_size: number;
  part_count: number;
  parts: { part_number: number; url: string; size: number }[];
  uploaded_parts?: { part_number: number; etag: string; size: number }[];
  headers: Record<string, string>;
  status?: "OPEN" | "COMPLETED";
}

export type Progress = (sentBytes: number) => void;

export class Api {
  constructor(private readonly token: () => string, private readonly base = "") {}

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.base + path, {
      method,
      // Accept: application/json alone makes GET /files/{id}/content answer its URL instead of redirecting
      headers: { Authorization: `Bearer ${this.token()}`, Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((error: unknown) => {
      // fetch rejects (a TypeError) only when no response came at all
      throw error instanceof TypeError ? new ConnectionFailed(new URL(this.base + path, location.href).host) : error;
    });
    const text = await response.text();
    if (!response.ok) {
      throw new ApiProblem(problemOf(response.status, response.headers.get("Content-Type"), text));
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  files(limit: number, cursor?: string): Promise<FilePage> {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    return this.json("GET", `/files?${query}`);
  }

  file(fileId: string): Promise<FileItem> {
    return this.json("GET", `/files/${encodeURIComponent(fileId)}`);
  }

  remove(fileId: string): Promise<void> {
    return this.json("DELETE", `/files/${encodeURIComponent(fileId)}`);
  }

  /** A short-lived URL of the original (or of its 512 px thumbnail). */
  async contentUrl(fileId: string, thumbnail = false): Promise<string> {
    const view = await this.json<{ url: string }>("GET",
      `/files/${encodeURIComponent(fileId)}/content${thumbnail ? "?variant=thumb" : ""}`);
    return view.url;
  }

  /** POST /upload with the file as base64 in JSON, reporting the bytes of the body sent. */
  uploadSmall(file: File, base64: string, progress: Progress): Promise<{ file_id: string }> {
    const body = JSON.stringify({ file_name: file.name, file_data: base64 });
    return this.send("POST", this.base + "/upload", body, { Authorization: `Bearer ${this.token()}`, "Content-Type": "application/json" },
      progress, problemOf).then((xhr) => JSON.parse(xhr.responseText));
  }

  /** One part straight to S3 with its presigned URL; answers the part's ETag. */
  async putPart(url: string, headers: Record<string, string>, part: Blob, progress: Progress, signal: AbortSignal): Promise<string> {
    const xhr = await this.send("PUT", url, part, headers, progress, storageProblem, signal);
    const etag = xhr.getResponseHeader("ETag");
    if (!etag) {
      throw new Error("the storage answered without an ETag (is the bucket's CORS exposing it?)");
    }
    return etag;
  }

  private send(method: string, url: string, body: XMLHttpRequestBodyInit, headers: Record<string, string>,
               progress: Progress, refusal: (status: number, contentType: string | null, body: string) => Problem,
               signal?: AbortSignal): Promise<XMLHttpRequest> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      Object.entries(headers).forEach(([name, value]) => xhr.setRequestHeader(name, value));
      xhr.upload.onprogress = (event) => progress(event.loaded);
      xhr.onload = () => xhr.status < 300 ? resolve(xhr)
        : reject(new ApiProblem(refusal(xhr.status, xhr.getResponseHeader("Content-Type"), xhr.responseText)));
      xhr.onerror = () => reject(new ConnectionFailed(new URL(url, location.href).host));
      xhr.onabort = () => reject(new DOMException("aborted", "AbortError"));
      signal?.addEventListener("abort", () => xhr.abort());
      xhr.send(body);
    });
  }
}
