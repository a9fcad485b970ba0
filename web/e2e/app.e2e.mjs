// The web app in a real browser against a running local stack: Debian's Chromium driven by
// playwright-core (which downloads no browser of its own). Run by the local module's
// WebAppBrowserIT, which starts the stack and makes the files; also by hand:
//   FILEPIPE_URL=http://127.0.0.1:8080 FILES=/tmp/files SCREENSHOTS=/tmp node e2e/app.e2e.mjs
// FILES holds picture.png, big.txt (20 MB), archive.jpg (a ZIP) and too-big.txt (over the stack's limit).
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

  step("the file picker is reached from the keyboard");
  let focused = "";
  for (let i = 0; i < 5 && focused !== "picker"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.id ?? "");
  }
  assert.equal(focused, "picker", "Tab reaches the file picker");

  step("upload a PNG and a 20 MB file");
  await page.locator("#picker").setInputFiles([join(files, "picture.png"), join(files, "big.txt")]);
  const row = (name) => page.locator("#files li", { hasText: name });
  await row("picture.png").and(page.locator('[data-status="PROCESSED"]')).waitFor({ timeout: PROCESSING_TIMEOUT });
  await row("big.txt").and(page.locator('[data-status="PROCESSED"]')).waitFor({ timeout: PROCESSING_TIMEOUT });

  step("the PNG's thumbnail is rendered");
  const thumbnail = row("picture.png").locator(".thumb img");
  await thumbnail.waitFor();
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await thumbnail.elementHandle());
  assert.match(await row("picture.png").textContent(), /640 × 480/);

  step("a ZIP named .jpg is REJECTED with its reason");
  await page.locator("#picker").setInputFiles(join(files, "archive.jpg"));
  await row("archive.jpg").and(page.locator('[data-status="REJECTED"]')).waitFor({ timeout: PROCESSING_TIMEOUT });
  const reason = await row("archive.jpg").locator(".reason").textContent();
  assert.match(reason, /CONTENT_MISMATCH/);

  step("a file over the limit is refused with the API's message");
  await page.locator("#picker").setInputFiles(join(files, "too-big.txt"));
  const refused = page.locator("#uploads li", { hasText: "too-big.txt" }).locator(".state.error");
  await refused.waitFor();
  assert.match(await refused.textContent(), /larger than this service accepts/);

  step("screenshot of the file list");
  await page.screenshot({ path: join(screenshots, "web-app.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(screenshots, "web-app-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 900 });

  step("download");
  const [download] = await Promise.all([page.waitForEvent("download"),
    row("picture.png").getByRole("button", { name: "Download" }).click()]);
  assert.equal(download.suggestedFilename(), "picture.png");
  const saved = join(mkdtempSync(join(tmpdir(), "filepipe-download-")), "picture.png");
  await download.saveAs(saved);
  assert.equal(statSync(saved).size, statSync(join(files, "picture.png")).size);

  step("delete, confirmed with the keyboard");
  await row("big.txt").getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Delete" }).focus();
  await page.keyboard.press("Enter");
  await row("big.txt").waitFor({ state: "detached" });

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
