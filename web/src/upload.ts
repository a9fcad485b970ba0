// One file's upload: small files as base64 in one POST /upload, larger ones by the direct-to-S3
// path (POST /uploads, the parts in parallel with their presigned URLs, complete). A large upload is
// resumable: its id is remembered per file (name, size, modification time) until it completes, and
// a resume asks GET /uploads/{id} which parts are missing and sends only those.
import type { Api, UploadTicket } from "./api";

/** As the command-line client: up to this size the base64 body stays under 1 MiB. */
export const SMALL_FILE_LIMIT = 785_664;
export const PARALLEL_PARTS = 4;
const RESUME = "filepipe.upload.";

export function pathFor(size: number): "small" | "large" {
  return size <= SMALL_FILE_LIMIT ? "small" : "large";
}

export function resumeKey(file: { name: string; size: number; lastModified: number }): string {
  return `${RESUME}${file.name}:${file.size}:${file.lastModified}`;
}

/** Runs {@code tasks} with at most {@code limit} at a time; the first failure rejects. */
export async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

function toBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(",") + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Uploads {@code file}, reporting the fraction sent (0..1); answers the new file's id. */
export async function upload(api: Api, file: File, progress: (fraction: number) => void, signal: AbortSignal,
                             store: Storage): Promise<string> {
  if (pathFor(file.size) === "small") {
    const base64 = await toBase64(file);
    const bodySize = base64.length + file.name.length + 32;
    const answer = await api.uploadSmall(file, base64, (sent) => progress(Math.min(1, sent / bodySize)));
    return answer.file_id;
  }
  const key = resumeKey(file);
  const known = store.getItem(key);
  let ticket: UploadTicket | undefined;
  if (known) {
    ticket = await api.json<UploadTicket>("GET", `/uploads/${encodeURIComponent(known)}`).catch(() => undefined);
  }
  if (!ticket || ticket.status === "COMPLETED") {
    ticket = await api.json<UploadTicket>("POST", "/uploads", { file_name: file.name, size: file.size });
    store.setItem(key, ticket.upload_id);
  }
  const done = new Map<number, { etag: string; size: number }>();
  (ticket.uploaded_parts ?? []).forEach((p) => done.set(p.part_number, { etag: p.etag, size: p.size }));
  const sent = new Map<number, number>();
  const report = () => {
    let bytes = 0;
    done.forEach((p) => (bytes += p.size));
    sent.forEach((b) => (bytes += b));
    progress(Math.min(1, bytes / file.size));
  };
  report();
  const t = ticket;
  await inParallel(t.parts.map((part) => async () => {
    const start = (part.part_number - 1) * t.part_size;
    const etag = await api.putPart(part.url, t.headers, file.slice(start, start + part.size),
      (bytes) => { sent.set(part.part_number, bytes); report(); }, signal);
    sent.delete(part.part_number);
    done.set(part.part_number, { etag, size: part.size });
    report();
  }), PARALLEL_PARTS);
  const parts = [...done.entries()].sort((a, b) => a[0] - b[0]).map(([n, p]) => ({ part_number: n, etag: p.etag }));
  const answer = await api.json<{ file_id: string }>("POST", `/uploads/${encodeURIComponent(t.upload_id)}/complete`, { parts });
  store.removeItem(key);
  return answer.file_id;
}
