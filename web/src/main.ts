import "./style.css";
import { Api, type FileItem } from "./api";
import { authorizeUrl, logoutUrl, redeem, redirectUri, type AppConfig, type Session } from "./auth";
import { nextDelay, unfinished } from "./poll";
import { ApiProblem } from "./problems";
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
// rows of finished uploads, until their file shows in the list
const uploadRows = new Map<string, HTMLElement>();

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

function formatSize(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
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
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    uploadAll([...(event.dataTransfer?.files ?? [])]);
  });
}

function uploadAll(files: File[]) {
  files.forEach((file) => void uploadOne(file));
}

async function uploadOne(file: File) {
  const bar = el("progress", { max: "1", value: "0", "aria-label": `Upload of ${file.name}` });
  const state = el("span", { class: "state" }, "starting");
  const retry = el("button", { type: "button", hidden: "" }, "Resume");
  const row = el("li", {}, el("span", { class: "name" }, file.name), el("span", { class: "muted" }, formatSize(file.size)), bar, state, retry);
  $("uploads").prepend(row);
  const run = async () => {
    retry.hidden = true;
    state.textContent = "uploading";
    state.className = "state";
    const controller = new AbortController();
    try {
      const fileId = await upload(api, file, (fraction) => {
        (bar as HTMLProgressElement).value = fraction;
        state.textContent = `${Math.floor(fraction * 100)} %`;
      }, controller.signal, localStorage);
      state.textContent = "stored";
      // the file list shows it from now on, with its status
      uploadRows.set(fileId, row);
      restartPolling();
    } catch (error) {
      controller.abort();
      state.textContent = describeError(error);
      state.className = "state error";
      retry.hidden = !worthRetrying(error);
    }
  };
  retry.addEventListener("click", () => void run());
  await run();
}

/** A refusal of this file (too large, a bad name) stays one; a broken connection or a busy server may not. */
function worthRetrying(error: unknown): boolean {
  if (!(error instanceof ApiProblem)) {
    return true;
  }
  const status = error.problem.status;
  return status >= 500 || status === 429 || error.kind === "invalid-parts";
}

function restartPolling() {
  pollDelay = undefined;
  void loadFiles();
}

async function loadFiles() {
  window.clearTimeout(pollTimer);
  const stateLine = $("files-state");
  let items: FileItem[];
  try {
    const page = await api.files(PAGE_SIZE, cursors[cursors.length - 1]);
    items = page.items;
    nextCursor = page.next_cursor;
  } catch (error) {
    stateLine.textContent = describeError(error);
    return;
  }
  const seen = JSON.stringify(items.map((f) => [f.file_id, f.status]));
  const changed = seen !== lastSeen;
  lastSeen = seen;
  if (changed) {
    renderFiles(items);
  }
  stateLine.textContent = items.length === 0 && cursors.length === 1 ? "No files yet." : "";
  $<HTMLButtonElement>("newer").disabled = cursors.length === 1;
  $<HTMLButtonElement>("older").disabled = !nextCursor;
  if (unfinished(items.map((f) => f.status))) {
    pollDelay = nextDelay(pollDelay, changed);
    pollTimer = window.setTimeout(() => void loadFiles(), pollDelay);
  }
}

function renderFiles(items: FileItem[]) {
  items.forEach((item) => {
    uploadRows.get(item.file_id)?.remove();
    uploadRows.delete(item.file_id);
  });
  const list = $("files");
  list.replaceChildren(...items.map(fileRow));
}

function fileRow(file: FileItem): HTMLElement {
  const facts = [formatSize(file.size), file.result?.content_type ?? file.content_type];
  if (file.result?.width && file.result?.height) {
    facts.push(`${file.result.width} × ${file.result.height}`);
  }
  facts.push(new Date(file.created_at).toLocaleString());
  const status = el("span", { class: `status ${file.status.toLowerCase()}` }, file.status);
  const body = el("div", { class: "body" }, el("span", { class: "name" }, file.file_name), status,
    el("span", { class: "muted" }, facts.join(" · ")));
  if (file.error && (file.status === "REJECTED" || file.status === "FAILED")) {
    body.append(el("span", { class: "reason" }, `${file.error.code}: ${file.error.message}`));
  }
  const thumb = el("div", { class: "thumb", "aria-hidden": "true" });
  if (file.status === "PROCESSED" && file.result?.derived_keys?.some((k) => k.includes("/thumb-"))) {
    void showThumbnail(file, thumb);
  }
  const download = el("button", { type: "button" }, "Download");
  download.addEventListener("click", () => void api.contentUrl(file.file_id).then((url) => location.assign(url), (e) => show(describeError(e))));
  const remove = el("button", { type: "button", class: "danger" }, "Delete");
  remove.addEventListener("click", () => void confirmDelete(file));
  const actions = el("div", { class: "actions" }, download, remove);
  return el("li", { "data-file-id": file.file_id, "data-status": file.status }, thumb, body, actions);
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
    holder.textContent = "";
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
