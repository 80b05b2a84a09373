/**
 * The cuckoo page in headless Chromium: Debian's `chromium` package driven by playwright-core (which downloads
 * nothing), the page built by `npm run web`'s own build and served from a local static server. The test types
 * into the page and clicks, so every answer it checks came through the generated typed stubs and the
 * AssemblyScript guest; any console error or uncaught exception in the page fails it.
 *
 * Without /usr/bin/chromium the test is skipped with a message, except in CI (CI=true), where .ci/run installs
 * the package and a missing browser is a failure.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWebPage } from "../../examples/cuckoo-filter/web/build.js";
import { serveStatic, type StaticServer } from "../../examples/cuckoo-filter/web/static-server.js";

const executablePath = "/usr/bin/chromium";
const flags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const missing = existsSync(executablePath) ? undefined : `${executablePath} is not installed (apt-get install chromium)`;
if (missing !== undefined && process.env.CI === "true") throw new Error(`the browser test needs Chromium in CI: ${missing}`);
if (missing !== undefined) console.warn(`skipping the cuckoo page test: ${missing}`);

describe.skipIf(missing !== undefined)("the cuckoo page in headless Chromium", { timeout: 120_000 }, () => {
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(await buildWebPage());
    userDataDir = mkdtempSync(join(tmpdir(), "widl-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: flags });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready=true]");
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (userDataDir !== undefined) rmSync(userDataDir, { recursive: true, force: true });
  });

  const text = (selector: string) => page.locator(selector).innerText();
  async function ask(action: "check" | "add" | "delete", word: string): Promise<string> {
    await page.fill("#word", word);
    await page.click(`#${action}`);
    return text("#answer");
  }

  it("shows the preloaded filter's stats", async () => {
    expect(await text("#stat-items")).toBe("4");
    expect(await text("#stat-capacity")).toBe("16384");
    expect(await text("#stat-buckets")).toBe("4096");
    expect(await text("#stat-load")).toBe("0.02%");
    expect(await text("#stat-bits")).toBe("12");
  });

  it("checks, adds and deletes words through the typed calls", async () => {
    expect(await ask("check", "foo")).toBe('check_word_exists("foo") → true');
    expect(await ask("check", "héllo wörld ✓")).toBe('check_word_exists("héllo wörld ✓") → false');
    expect(await ask("add", "héllo wörld ✓")).toBe('add_word("héllo wörld ✓") → true');
    expect(await text("#stat-items")).toBe("5");
    expect(await ask("check", "héllo wörld ✓")).toBe('check_word_exists("héllo wörld ✓") → true');
    expect(await ask("delete", "héllo wörld ✓")).toBe('delete_word("héllo wörld ✓") → true');
    expect(await ask("delete", "héllo wörld ✓")).toBe('delete_word("héllo wörld ✓") → false');
    expect(await ask("check", "héllo wörld ✓")).toBe('check_word_exists("héllo wörld ✓") → false');
    expect(await text("#stat-items")).toBe("4");
  });

  it("fills the filter and charts occupancy and the measured false-positive rate", async () => {
    await page.click("#fill");
    await page.waitForSelector("#chart polyline.false-positives");
    const summary = await text("#chart-summary");
    const match = /^(\d+) steps: (\d+) items, occupancy ([\d.]+)%, false-positive rate ([\d.]+)%$/.exec(summary);
    expect(match, summary).not.toBeNull();
    const [steps, items, occupancy, rate] = match!.slice(1).map(Number) as [number, number, number, number];
    // A 4-way filter of 16,384 slots takes well over 90 % before a word finds no place.
    expect(occupancy).toBeGreaterThan(90);
    expect(items).toBe(Number(await text("#stat-items")));
    // 12-bit fingerprints, two buckets of 4: at most 8/4096 ≈ 0.2 % when full; 8,000 probes resolve 0.0125 %.
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeLessThan(0.6);
    const occupancyLine = (await page.locator("#chart polyline.occupancy").getAttribute("points"))!.split(" ");
    expect(occupancyLine).toHaveLength(steps + 1);
    // Occupancy rises step by step: every point sits higher on the chart (smaller y) than the one before.
    const ys = occupancyLine.map((point) => Number(point.split(",")[1]));
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeLessThan(ys[i - 1]!);
  });

  it("logged no console error and threw nothing", () => {
    expect(problems).toEqual([]);
  });
});
