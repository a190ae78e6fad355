import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleBrowser } from "../../scripts/build-browser.js";
import { browserRulesModule } from "../../src/browser/rules-module.js";
import { BUNDLED_RULES_DIR, readSources, ruleFiles } from "../../src/load/load-rules.js";
import { approvable, bundledRules } from "../helpers.js";

// The browser entry in real Chromium (Debian's, as .ci/run installs it), on a plain-HTTP
// origin that is not localhost — not a secure context, so no Web Crypto, as on an intranet
// server — under a Content-Security-Policy that allows scripts from the origin only: no
// 'unsafe-eval', no 'unsafe-inline', no connection anywhere.

// biome-ignore lint/suspicious/noExplicitAny: a browser global, typed by the browser
declare const document: any;

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const AVAILABLE = existsSync(CHROMIUM);
const ORIGIN = "http://precheck.intranet.test";
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'";
const MATTER = "individual-business.establishment";
const NOW = "2025-06-30T10:00:00+08:00";

describe.skipIf(!AVAILABLE)("the browser entry in Chromium under a strict CSP", () => {
  let context: BrowserContext;
  const files = new Map<string, string>();
  const violations: string[] = [];

  beforeAll(async () => {
    files.set("/smart-approval.js", (await bundleBrowser({ format: "iife" })).code);
    const { code } = await browserRulesModule(readSources(ruleFiles(BUNDLED_RULES_DIR)), {
      matters: [MATTER],
      as: { global: "smartApprovalRules" },
    });
    files.set("/rules.js", code);
    files.set(
      "/driver.js",
      `document.addEventListener("securitypolicyviolation", (e) => {
         document.getElementById("violations").textContent += e.violatedDirective + " ";
       });
       const out = document.getElementById("out");
       out.dataset.subtle = String(typeof globalThis.crypto?.subtle);
       // The policy is in force: code from a string is refused (one violation, this one).
       try { new Function("return 1"); out.dataset.eval = "allowed"; } catch { out.dataset.eval = "blocked"; }
       const rules = SmartApproval.BrowserRules.fromModule(globalThis.smartApprovalRules);
       rules.decide(${JSON.stringify(approvable())}, { now: new Date(${JSON.stringify(NOW)}) })
         .then((d) => { out.textContent = JSON.stringify(d); })
         .catch((e) => { out.textContent = "error " + e.message; });`,
    );
    files.set(
      "/",
      `<!doctype html><meta charset="utf-8"><title>pre-check</title>
       <pre id="out"></pre><p id="violations"></p>
       <script src="/smart-approval.js"></script><script src="/rules.js"></script><script src="/driver.js"></script>`,
    );
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "sa-chromium-")), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
    });
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      const body = url.origin === ORIGIN ? files.get(url.pathname) : undefined;
      if (body === undefined) {
        violations.push(`request to ${url.href}`);
        await route.abort();
        return;
      }
      await route.fulfill({
        status: 200,
        headers: {
          "content-type":
            url.pathname === "/" ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8",
          "content-security-policy": CSP,
        },
        body,
      });
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it("decides as the library does, with no eval, no Web Crypto and no request elsewhere", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => document.getElementById("out").textContent !== "", null, {
      timeout: 30_000,
    });
    const out = page.locator("#out");
    expect(await out.getAttribute("data-subtle")).toBe("undefined");
    const expected = await (await bundledRules()).decide(approvable(), { now: new Date(NOW) });
    expect(await out.textContent()).toBe(JSON.stringify(expected));
    expect(expected.outcome).toBe("approve");
    expect(await out.getAttribute("data-eval")).toBe("blocked");
    // Only the probe's violation: nothing the entry or the rules do needs eval.
    expect((await page.locator("#violations").textContent())?.trim()).toBe("script-src");
    expect(errors.filter((e) => !/unsafe-eval/.test(e))).toEqual([]);
    expect(violations).toEqual([]);
  }, 60_000);
});
