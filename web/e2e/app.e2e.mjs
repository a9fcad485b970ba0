// The web app in a real browser against a running local stack: Debian's Chromium driven by
// playwright-core (which downloads no browser of its own). Run by the local module's
// WebAppBrowserIT, which starts the stack and makes the files; also by hand:
//   FILEPIPE_URL=http://127.0.0.1:8080 FILES=/tmp/files SCREENSHOTS=/tmp node e2e/app.e2e.mjs
// FILES holds picture.png, big.txt (20 MB), archive.jpg (a ZIP) and too-big.txt (over the stack's limit);
// dropped.txt is made in the page and dropped on the drop zone.
import { chromium } from "playwright-core";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

const url = process.env.FILEPIPE_URL;
const files = process.env.FILES;
const screenshots = process.env.SCREENSHOTS;
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const PROCESSING_TIMEOUT = Number(process.env.PROCESSING_TIMEOUT_MS ?? 120000);

const step = (name) => console.log(`e2e: ${name}`);

// a fresh, empty profile (--user-data-dir) every run
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "filepipe-chromium-")), {
  executablePath: chromiumPath,
  headless: true,
  args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1100, height: 900 },
  acceptDownloads: true,
});
const failures = [];
try {
  const page = context.pages()[0] ?? await context.newPage();
  // refusals the test provokes (413) are logged by the browser as failed loads; anything else is a fault
  page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) failures.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => failures.push(`page error: ${e.message}`));

  step("sign in");
  await page.goto(url + "/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("User name").fill("alice");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Signed in as alice").waitFor();
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => /token/i.test(k)).length), 0,
    "no token in localStorage");

  step("the file picker is reached from the keyboard, its focus shown on its button");
  let focused = "";
  for (let i = 0; i < 5 && focused !== "picker"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.id ?? "");
  }
  assert.equal(focused, "picker", "Tab reaches the file picker");
  assert.notEqual(await page.locator('label[for="picker"]').evaluate((l) => getComputedStyle(l).outlineStyle), "none");

  // rows by their exact file name (big.txt is not too-big.txt)
  const named = (list, name) => page.locator(`${list} li`)
    .filter({ has: page.locator(".name", { hasText: new RegExp(`^${name.replace(/[.]/g, "\\.")}$`) }) });
  const row = (name) => named("#files", name);
  const uploadRow = (name) => named("#uploads", name);
  const settled = async (name, status) => {
    await row(name).and(page.locator(`[data-status="${status}"]`)).waitFor({ timeout: PROCESSING_TIMEOUT });
    await uploadRow(name).and(page.locator(`[data-status="${status}"]`)).waitFor({ timeout: PROCESSING_TIMEOUT });
  };

  step("upload a PNG and a 20 MB file: the upload rows follow them to PROCESSED, as the list does");
  await page.locator("#picker").setInputFiles([join(files, "picture.png"), join(files, "big.txt")]);
  await settled("picture.png", "PROCESSED");
  await settled("big.txt", "PROCESSED");
  for (const name of ["picture.png", "big.txt"]) {
    const [inUploads, inList] = [uploadRow(name).locator(".status"), row(name).locator(".status")];
    assert.equal(await inUploads.textContent(), await inList.textContent());
    assert.equal(await inUploads.evaluate((s) => getComputedStyle(s).color), await inList.evaluate((s) => getComputedStyle(s).color));
    assert.equal(await uploadRow(name).locator("progress").count(), 0, `${name}'s progress bar is gone once it settled`);
  }

  step("the PNG's thumbnail is rendered; the text file has a type badge and no image");
  const thumbnail = row("picture.png").locator(".thumb img");
  await thumbnail.waitFor();
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await thumbnail.elementHandle());
  assert.match(await row("picture.png").textContent(), /640 × 480/);
  assert.equal(await row("big.txt").locator(".thumb .badge").textContent(), "TXT");
  assert.equal(await row("big.txt").locator(".thumb img").count(), 0);

  step("a ZIP named .jpg is REJECTED with its reason, in the list, in its upload row and announced");
  await page.locator("#picker").setInputFiles(join(files, "archive.jpg"));
  await settled("archive.jpg", "REJECTED");
  assert.match(await row("archive.jpg").locator(".reason").textContent(), /CONTENT_MISMATCH/);
  assert.match(await uploadRow("archive.jpg").locator(".reason").textContent(), /CONTENT_MISMATCH/);
  assert.equal(await row("archive.jpg").locator(".thumb .badge").textContent(), "ZIP");
  assert.equal(await page.locator("#announcer").getAttribute("role"), "status");
  await page.waitForFunction(() => /archive\.jpg: rejected, CONTENT_MISMATCH/.test(document.getElementById("announcer").textContent));

  step("a file over the limit is refused in plain words, the API's detail a click away, and no resume offered");
  await page.locator("#picker").setInputFiles(join(files, "too-big.txt"));
  const refused = uploadRow("too-big.txt").locator(".state.error");
  await refused.waitFor();
  const sentence = await refused.textContent();
  assert.match(sentence, /larger than this service accepts \(at most 24 MiB\)\. Compress it or split it/);
  assert.doesNotMatch(sentence, /\d{4,}|bytes/, "no raw byte count in the message");
  assert.match(await uploadRow("too-big.txt").locator("details").textContent(), /413 .*larger than 25165824 bytes/);
  assert.equal(await uploadRow("too-big.txt").getByRole("button", { name: "Resume" }).count(), 0);
  await uploadRow("too-big.txt").getByRole("button", { name: "Dismiss" }).waitFor();
  assert.equal(await uploadRow("too-big.txt").locator("progress").count(), 0, "no bar for an upload that cannot go on");

  step("a part cut off on its way to storage: Resume is offered, and sends the rest");
  let cut = false;
  const cutFirstPart = (route) => {
    if (cut) {
      return route.continue();
    }
    cut = true;
    return route.abort("connectionreset");
  };
  const partUrl = (u) => u.searchParams.has("partNumber");
  await page.route(partUrl, cutFirstPart);
  await page.locator("#picker").setInputFiles({ name: "resumed.txt", mimeType: "text/plain",
    buffer: Buffer.alloc(10_000_000, "a file sent in two parts, one of them twice\n") });
  await uploadRow("resumed.txt").locator(".state.error").waitFor();
  assert.match(await uploadRow("resumed.txt").locator(".state.error").textContent(), /connection to .* failed/);
  await uploadRow("resumed.txt").getByRole("button", { name: "Dismiss" }).waitFor();
  await uploadRow("resumed.txt").getByRole("button", { name: "Resume" }).click();
  await settled("resumed.txt", "PROCESSED");
  await page.unroute(partUrl, cutFirstPart);

  step("a file dropped on the drop zone uploads; the zone shows it is a target while dragged over");
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["dropped on the zone, not chosen with the picker\n"], "dropped.txt", { type: "text/plain" }));
    return transfer;
  });
  const drop = page.locator("#drop");
  const zone = () => drop.evaluate((d) => ({ over: d.classList.contains("over"), border: getComputedStyle(d).borderTopStyle }));
  assert.deepEqual(await zone(), { over: false, border: "dashed" });
  await drop.dispatchEvent("dragenter", { dataTransfer });
  await drop.dispatchEvent("dragover", { dataTransfer });
  assert.deepEqual(await zone(), { over: true, border: "solid" });
  await drop.screenshot({ path: join(screenshots, "web-app-dragging.png") });
  await drop.dispatchEvent("drop", { dataTransfer });
  assert.deepEqual(await zone(), { over: false, border: "dashed" });
  await settled("dropped.txt", "PROCESSED");
  assert.equal(await row("dropped.txt").locator(".thumb .badge").textContent(), "TXT");

  step("screenshot of the uploads and the file list, every one settled");
  await page.screenshot({ path: join(screenshots, "web-app.png"), fullPage: true });

  step("readable at 390 px: nothing wider than the screen");
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), "no horizontal scrolling at 390 px");
  await page.screenshot({ path: join(screenshots, "web-app-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 900 });

  step("an upload's Show in list moves focus to its file's row");
  await uploadRow("picture.png").getByRole("button", { name: "Show in list" }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.fileId),
    await uploadRow("picture.png").getAttribute("data-file-id"));

  step("Tab goes through the controls in reading order, each with its focus shown");
  await page.locator("#picker").focus();
  const visited = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const now = document.activeElement;
      if (!now || now === document.body) {
        return { end: true };
      }
      const before = window.__lastFocused ?? document.getElementById("picker");
      window.__lastFocused = now;
      return { end: false, label: `${now.tagName.toLowerCase()} ${now.textContent.trim()}`, outline: getComputedStyle(now).outlineStyle,
        inOrder: Boolean(before.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING) };
    });
    if (stop.end || !stop.inOrder) {
      break;
    }
    assert.notEqual(stop.outline, "none", `focus is visible on ${stop.label}`);
    visited.push(stop.label);
  }
  for (const control of ["summary What the service said", "button Dismiss", "button Show in list", "button Download", "button Delete"]) {
    assert.ok(visited.includes(control), `Tab reaches ${control}: ${visited.join(" | ")}`);
  }
  assert.equal(visited.filter((v) => v === "button Download").length, 5, "every file's Download in turn before the pager");

  step("Escape closes the delete dialog, nothing deleted, focus back on Delete");
  await row("big.txt").getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.equal(await row("big.txt").count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Delete");

  step("Dismiss removes a refused upload's row");
  await uploadRow("too-big.txt").getByRole("button", { name: "Dismiss" }).click();
  await uploadRow("too-big.txt").waitFor({ state: "detached" });

  step("download");
  const [download] = await Promise.all([page.waitForEvent("download"),
    row("picture.png").getByRole("button", { name: "Download" }).click()]);
  assert.equal(download.suggestedFilename(), "picture.png");
  const saved = join(mkdtempSync(join(tmpdir(), "filepipe-download-")), "picture.png");
  await download.saveAs(saved);
  assert.equal(statSync(saved).size, statSync(join(files, "picture.png")).size);

  step("delete, confirmed with the keyboard; its upload row goes too");
  await row("big.txt").getByRole("button", { name: "Delete" }).click();
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Delete" }).focus();
  await page.keyboard.press("Enter");
  await row("big.txt").waitFor({ state: "detached" });
  await uploadRow("big.txt").waitFor({ state: "detached" });

  step("sign out");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  assert.equal(await page.locator("#signed-in").isHidden(), true);

  assert.deepEqual(failures, []);
  console.log("e2e: every step passed");
} catch (error) {
  console.error(`e2e: FAILED: ${error.stack ?? error}`);
  if (failures.length) console.error(failures.join("\n"));
  process.exitCode = 1;
} finally {
  await context.close();
}
