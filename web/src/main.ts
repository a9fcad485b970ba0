import "./style.css";
import { Api, type FileItem } from "./api";
import { authorizeUrl, logoutUrl, redeem, redirectUri, type AppConfig, type Session } from "./auth";
import { formatSize, typeBadge } from "./format";
import { nextDelay, unfinished } from "./poll";
import { ApiProblem, resumable } from "./problems";
import { upload } from "./upload";

const PAGE_SIZE = 10;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let config: AppConfig;
let session: Session | undefined;
const api = new Api(() => session?.idToken ?? "");
// cursors of the pages before the one shown; the shown page's own cursor last
const cursors: (string | undefined)[] = [undefined];
let nextCursor: string | undefined;
let pollTimer: number | undefined;
let pollDelay: number | undefined;
let lastSeen = "";
// thumbnail URLs by file, reused while well within their 5 minutes (presigned URLs expire)
const thumbnails = new Map<string, { url: string; at: number }>();
const THUMBNAIL_REUSE_MS = 4 * 60 * 1000;
let wired = false;
// the upload rows whose file is stored but not yet PROCESSED, REJECTED or FAILED, by file id
const following = new Map<string, UploadRow>();
const TERMINAL = ["PROCESSED", "REJECTED", "FAILED"];

function show(message: string) {
  const box = $("message");
  box.textContent = message;
  box.hidden = !message;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  node.append(...children);
  return node;
}

/** Tells screen readers what changed (one polite region; messages of the same moment together). */
function announce(...messages: string[]) {
  if (messages.length) {
    $("announcer").textContent = messages.join(" ");
  }
}

function describeError(error: unknown): string {
  if (error instanceof ApiProblem && error.kind === "unauthorized") {
    expireSession();
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

/** The token ran out (or was refused): back to the sign-in button, saying why. */
function expireSession() {
  if (session) {
    session = undefined;
    window.clearTimeout(pollTimer);
    render();
    show("Your session has ended. Sign in again.");
  }
}

async function start() {
  config = await (await fetch("/app-config.json")).json();
  const here = new URL(location.href);
  $("sign-in").addEventListener("click", signIn);
  $("sign-out").addEventListener("click", signOut);
  if (here.searchParams.has("code") || here.searchParams.has("error")) {
    history.replaceState(null, "", "/");
    try {
      session = await redeem(config, here, sessionStorage);
    } catch (error) {
      show(describeError(error));
    }
  }
  render();
}

async function signIn() {
  if (!config.sign_in_url) {
    show("Sign-in is not configured on this deployment (FILEPIPE_SIGN_IN_URL).");
    return;
  }
  location.assign(await authorizeUrl(config, redirectUri(location), sessionStorage));
}

function signOut() {
  session = undefined;
  location.assign(logoutUrl(config, redirectUri(location)));
}

function render() {
  const signedIn = session !== undefined;
  $("signed-out").hidden = signedIn;
  $("signed-in").hidden = !signedIn;
  $("sign-out").hidden = !signedIn;
  $("who").textContent = signedIn ? `Signed in as ${session!.username}` : "";
  if (signedIn) {
    if (!wired) {
      wireUploads();
      wired = true;
    }
    void loadFiles();
  } else {
    $("sign-in").focus();
  }
}

function wireUploads() {
  const drop = $("drop");
  const picker = $<HTMLInputElement>("picker");
  picker.addEventListener("change", () => {
    uploadAll([...(picker.files ?? [])]);
    picker.value = "";
  });
  const dragging = (event: DragEvent) => {
    event.preventDefault();
    if (event.dataTransfer) {
      event.dataTransfer.dropEffect = "copy";
    }
    drop.classList.add("over");
  };
  drop.addEventListener("dragenter", dragging);
  drop.addEventListener("dragover", dragging);
  drop.addEventListener("dragleave", (event) => {
    // leaving the zone, not just passing from one of its children to another
    if (!(event.relatedTarget instanceof Node && drop.contains(event.relatedTarget))) {
      drop.classList.remove("over");
    }
  });
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    uploadAll([...(event.dataTransfer?.files ?? [])]);
  });
}

function uploadAll(files: File[]) {
  files.forEach((file) => void uploadOne(file));
}

/**
 * One file's row in the upload panel: its progress, then (once stored) its file's status as the list
 * shows it, until that status is final; then a link to its row in the list, and Dismiss.
 */
interface UploadRow {
  row: HTMLElement;
  name: string;
  status?: string;
}

async function uploadOne(file: File) {
  const bar = el("progress", { max: "1", value: "0", "aria-label": `Upload of ${file.name}` });
  const state = el("span", { class: "state" }, "starting");
  const actions = el("div", { class: "actions" });
  const row = el("li", { "data-status": "UPLOADING" }, el("span", { class: "name" }, file.name),
    el("span", { class: "muted" }, formatSize(file.size)), bar, state, actions);
  $("uploads").prepend(row);
  const run = async () => {
    actions.replaceChildren();
    row.querySelector("details")?.remove();
    state.textContent = "uploading";
    state.className = "state";
    row.dataset.status = "UPLOADING";
    const controller = new AbortController();
    try {
      const fileId = await upload(api, file, (fraction) => {
        (bar as HTMLProgressElement).value = fraction;
        state.textContent = `${Math.floor(fraction * 100)} %`;
      }, controller.signal, localStorage);
      state.textContent = "uploaded, waiting to be processed";
      row.dataset.status = "STORED";
      row.dataset.fileId = fileId;
      announce(`${file.name} uploaded.`);
      following.set(fileId, { row, name: file.name });
      restartPolling();
    } catch (error) {
      controller.abort();
      const message = describeError(error);
      state.textContent = message;
      state.className = "state error";
      row.dataset.status = "ERROR";
      if (error instanceof ApiProblem) {
        // the API's own words, one click away, not in the sentence
        state.after(el("details", {}, el("summary", {}, "What the service said"), error.apiText));
      }
      announce(`${file.name} was not uploaded: ${message}`);
      if (resumable(error)) {
        // the bar stays, at where it stopped: a resume sends only the rest
        const resume = el("button", { type: "button" }, "Resume");
        resume.addEventListener("click", () => void run());
        actions.append(resume);
      } else {
        bar.remove();
      }
      actions.append(dismissButton(row));
    }
  };
  await run();
}

function dismissButton(row: HTMLElement): HTMLElement {
  const dismiss = el("button", { type: "button" }, "Dismiss");
  dismiss.addEventListener("click", () => {
    // focus goes to the next row's first button, or back to the picker
    const next = (row.nextElementSibling ?? row.previousElementSibling)?.querySelector("button");
    row.remove();
    (next ?? $("picker")).focus();
  });
  return dismiss;
}

/** The upload's row takes its file's status; a final one settles it. Answers what to announce. */
function follow(file: FileItem, upload: UploadRow): string | undefined {
  if (upload.status === file.status) {
    return undefined;
  }
  upload.status = file.status;
  const { row } = upload;
  row.dataset.status = file.status;
  row.querySelector(".state")!.replaceChildren(statusBadge(file));
  const reason = reasonOf(file);
  if (!TERMINAL.includes(file.status)) {
    return `${upload.name}: ${file.status.toLowerCase()}.`;
  }
  following.delete(file.file_id);
  row.querySelector("progress")?.remove();
  if (reason) {
    row.querySelector(".state")!.after(reason);
  }
  const locate = el("button", { type: "button" }, "Show in list");
  locate.addEventListener("click", () => void showInList(file.file_id));
  row.querySelector(".actions")!.replaceChildren(locate, dismissButton(row));
  return `${upload.name}: ${file.status.toLowerCase()}${reason ? `, ${reason.textContent}` : ""}.`;
}

/** Moves focus to the file's row in the list, going back to the first page if it is not on this one. */
async function showInList(fileId: string) {
  const find = () => $("files").querySelector<HTMLElement>(`li[data-file-id="${CSS.escape(fileId)}"]`);
  if (!find() && cursors.length > 1) {
    cursors.length = 1;
    lastSeen = "";
    await loadFiles();
  }
  const target = find();
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.focus();
  } else {
    show("That file is not in your files any more.");
  }
}

function restartPolling() {
  pollDelay = undefined;
  void loadFiles();
}

async function loadFiles() {
  window.clearTimeout(pollTimer);
  const stateLine = $("files-state");
  let items: FileItem[];
  let uploaded: FileItem[];
  try {
    const page = await api.files(PAGE_SIZE, cursors[cursors.length - 1]);
    items = page.items;
    nextCursor = page.next_cursor;
    uploaded = await followedFiles(items);
  } catch (error) {
    stateLine.textContent = describeError(error);
    return;
  }
  const seen = JSON.stringify([...items, ...uploaded].map((f) => [f.file_id, f.status]));
  const changed = seen !== lastSeen;
  lastSeen = seen;
  if (changed) {
    renderFiles(items);
    announce(...uploaded.flatMap((file) => {
      const row = following.get(file.file_id);
      const news = row && follow(file, row);
      return news ? [news] : [];
    }));
  }
  stateLine.textContent = items.length === 0 && cursors.length === 1 ? "No files yet." : "";
  $<HTMLButtonElement>("newer").disabled = cursors.length === 1;
  $<HTMLButtonElement>("older").disabled = !nextCursor;
  if (unfinished(items.map((f) => f.status)) || following.size > 0) {
    pollDelay = nextDelay(pollDelay, changed);
    pollTimer = window.setTimeout(() => void loadFiles(), pollDelay);
  }
}

/** The files of the uploads being followed: from the page when it shows them, else asked one by one. */
async function followedFiles(page: FileItem[]): Promise<FileItem[]> {
  const onPage = new Map(page.map((f) => [f.file_id, f]));
  const files = await Promise.all([...following.keys()].map(async (id) => {
    try {
      return onPage.get(id) ?? await api.file(id);
    } catch (error) {
      if (error instanceof ApiProblem && error.kind === "not-found") {
        // deleted meanwhile: nothing left to follow
        following.get(id)?.row.remove();
        following.delete(id);
        return undefined;
      }
      throw error;
    }
  }));
  return files.filter((f): f is FileItem => f !== undefined);
}

function renderFiles(items: FileItem[]) {
  $("files").replaceChildren(...items.map(fileRow));
}

function statusBadge(file: FileItem): HTMLElement {
  return el("span", { class: `status ${file.status.toLowerCase()}` }, file.status);
}

function reasonOf(file: FileItem): HTMLElement | undefined {
  if (file.error && (file.status === "REJECTED" || file.status === "FAILED")) {
    return el("span", { class: "reason" }, `${file.error.code}: ${file.error.message}`);
  }
  return undefined;
}

function fileRow(file: FileItem): HTMLElement {
  const facts = [formatSize(file.size), file.result?.content_type ?? file.content_type];
  if (file.result?.width && file.result?.height) {
    facts.push(`${file.result.width} × ${file.result.height}`);
  }
  facts.push(new Date(file.created_at).toLocaleString());
  const body = el("div", { class: "body" }, el("span", { class: "name" }, file.file_name), statusBadge(file),
    el("span", { class: "muted" }, facts.join(" · ")));
  const reason = reasonOf(file);
  if (reason) {
    body.append(reason);
  }
  const thumb = el("div", { class: "thumb", "aria-hidden": "true" });
  if (file.status === "PROCESSED" && file.result?.derived_keys?.some((k) => k.includes("/thumb-"))) {
    void showThumbnail(file, thumb);
  } else {
    // no thumbnail (not an image, or not processed yet): what kind of file it is, without a request
    thumb.append(typeBadgeOf(file));
  }
  const download = el("button", { type: "button" }, "Download");
  download.addEventListener("click", () => void api.contentUrl(file.file_id).then((url) => location.assign(url), (e) => show(describeError(e))));
  const remove = el("button", { type: "button", class: "danger" }, "Delete");
  remove.addEventListener("click", () => void confirmDelete(file));
  const actions = el("div", { class: "actions" }, download, remove);
  // tabindex -1: "Show in list" of an upload moves focus here
  return el("li", { "data-file-id": file.file_id, "data-status": file.status, tabindex: "-1" }, thumb, body, actions);
}

function typeBadgeOf(file: FileItem): HTMLElement {
  return el("span", { class: "badge" }, typeBadge(file.file_name, file.result?.content_type ?? file.content_type));
}

async function showThumbnail(file: FileItem, holder: HTMLElement) {
  try {
    let known = thumbnails.get(file.file_id);
    if (!known || Date.now() - known.at > THUMBNAIL_REUSE_MS) {
      known = { url: await api.contentUrl(file.file_id, true), at: Date.now() };
      thumbnails.set(file.file_id, known);
    }
    holder.append(el("img", { src: known.url, alt: `Thumbnail of ${file.file_name}`, loading: "lazy" }));
  } catch {
    holder.replaceChildren(typeBadgeOf(file));
  }
}

async function confirmDelete(file: FileItem) {
  const dialog = $<HTMLDialogElement>("confirm");
  $("confirm-text").textContent = `Delete ${file.file_name}? This cannot be undone.`;
  dialog.returnValue = "";
  dialog.showModal();
  await new Promise((resolve) => dialog.addEventListener("close", resolve, { once: true }));
  if (dialog.returnValue !== "delete") {
    return;
  }
  try {
    await api.remove(file.file_id);
    thumbnails.delete(file.file_id);
    // its upload row would link to a row that is gone
    $("uploads").querySelector(`li[data-file-id="${CSS.escape(file.file_id)}"]`)?.remove();
    announce(`${file.file_name} deleted.`);
    show("");
    lastSeen = "";
    await loadFiles();
  } catch (error) {
    show(describeError(error));
  }
}

$("older").addEventListener("click", () => {
  if (nextCursor) {
    cursors.push(nextCursor);
    lastSeen = "";
    void loadFiles();
  }
});
$("newer").addEventListener("click", () => {
  if (cursors.length > 1) {
    cursors.pop();
    lastSeen = "";
    void loadFiles();
  }
});

void start().catch((error) => show(`The page could not start: ${describeError(error)}`));
