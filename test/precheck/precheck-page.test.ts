import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaToday } from "../../src/evaluate/application-date.js";
import { PAGE_CSP } from "../../src/precheck/precheck-page.js";
import { bundledRules, cli, ROOT } from "../helpers.js";

// Functions passed to page.evaluate run in Chromium; the tests compile without the DOM lib.
// biome-ignore lint/suspicious/noExplicitAny: a browser global, typed by the browser
declare const document: any;

// Debian's `chromium` package; CI installs it with fonts-noto-cjk (.ci/run). Never a downloaded
// browser: playwright-core drives the system one. Without it the test is skipped and says why.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const AVAILABLE = existsSync(CHROMIUM);
const SKIPPED = `skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH)`;
const SHOTS = process.env.GUIDE_SCREENSHOTS ?? join(tmpdir(), "smart-approval-guide-screenshots");

/**
 * The policy the test server sends, as strict as the issue asks: no 'unsafe-eval', no
 * 'unsafe-inline', nothing but the page's own script and style sheet, and no connection at all
 * (`connect-src` falls back to `default-src 'none'`).
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'none'";

/** The files a page is, the only requests it may cause. */
const OWN_FILES = ["index.html", "rules.js", "precheck.js", "precheck.css"];

const IB = "individual-business.establishment";

describe.skipIf(!AVAILABLE)(
  `the pre-check page in headless Chromium, under a strict CSP${AVAILABLE ? "" : ` (${SKIPPED})`}`,
  // Chromium on a shared machine: each test loads and decides several times.
  { timeout: 60_000 },
  () => {
    let context: BrowserContext;
    let server: Server;
    let origin: string;
    const out = mkdtempSync(join(tmpdir(), "sa-precheck-"));
    /** Every request the browser made, by URL. */
    const requests: string[] = [];
    /** Requests to anywhere but the test server: aborted, and a failure. */
    const elsewhere: string[] = [];
    const problems: string[] = [];

    beforeAll(async () => {
      const rules = await bundledRules();
      const matters = rules.matters().map((m) => m.id);
      expect(matters).toContain(IB);
      // Every bundled matter gets its page, written by the command line as a user would.
      for (const matter of matters) {
        for (const locale of ["zh-CN", "en"]) {
          if (locale === "en" && matter !== IB) continue;
          const dir = join(out, matter, locale);
          const result = await cli("precheck", matter, "--locale", locale, "--out", dir);
          expect(result.stderr).toBe("");
          expect(result.code).toBe(0);
        }
      }
      server = createServer((request, response) => {
        const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
        const file = join(out, path.endsWith("/") ? `${path}index.html` : path);
        if (!file.startsWith(out) || !existsSync(file)) {
          // The browser asks for /favicon.ico by itself; an empty answer keeps the console clean.
          response.writeHead(path === "/favicon.ico" ? 204 : 404).end();
          return;
        }
        const type = file.endsWith(".html")
          ? "text/html; charset=utf-8"
          : file.endsWith(".js")
            ? "text/javascript; charset=utf-8"
            : "text/css; charset=utf-8";
        response.writeHead(200, {
          "content-type": type,
          "content-security-policy": CSP,
          "x-content-type-options": "nosniff",
        });
        response.end(readFileSync(file));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      mkdirSync(SHOTS, { recursive: true });
      context = await chromium.launchPersistentContext(
        mkdtempSync(join(tmpdir(), "sa-chromium-")),
        {
          executablePath: CHROMIUM,
          headless: true,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      );
      context.on("request", (r) => requests.push(r.url()));
      await context.route("**/*", async (route) => {
        const url = route.request().url();
        // The test server, and the pages on disk (a file: URL is no network request).
        if (url.startsWith(`${origin}/`) || url.startsWith(`file://${out}/`))
          await route.continue();
        else {
          elsewhere.push(route.request().url());
          await route.abort();
        }
      });
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    const open = async (matter: string, locale = "zh-CN", width = 1280, height = 900) => {
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      await page.setViewportSize({ width, height });
      await page.goto(`${origin}/${matter}/${locale}/`);
      await page.waitForSelector("#summary [data-status]", { timeout: 30_000 });
      return page;
    };

    const status = (page: Page) => page.getAttribute("#summary [data-status]", "data-status");
    /** Waits until the page shows a decision with this status (decisions follow typing). */
    const statusBecomes = (page: Page, expected: string) =>
      page.waitForSelector(`#summary [data-status="${expected}"]`, { timeout: 10_000 });
    const field = (path: string) => `[id="field:${path}"]`;

    /** The approvable application of SPEC TC-A02 (examples/1-approve-convenience-store.json). */
    const fillApprovable = async (page: Page) => {
      await page.fill(field("operator.name"), "李丽华");
      await page.selectOption(field("operator.document.type"), { label: "居民身份证" });
      await page.fill(field("operator.document.number"), "440305198503152222");
      await page.fill(field("operator.residence"), "广东省深圳市南山区桃园路1号");
      await page.selectOption(field("organization"), { label: "个人经营" });
      await page.fill(field("name"), "深圳市南山区丽华便利店");
      await page.selectOption(field("nameCommitment"), { label: "是" });
      await page.selectOption(field("scope.0.code"), { label: "日用百货销售" });
      await page.click(field("scope:add"));
      await page.selectOption(field("scope.1.code"), { label: "服装服饰零售" });
      await page.selectOption(field("premises.online"), { label: "否" });
      await page.fill(field("premises.address"), "广东省深圳市南山区南海大道1号101");
      await page.fill(field("liaison.name"), "李丽华");
      await page.fill(field("liaison.phone"), "13800138000");
      await page.check(field("liaison.document:present"));
      await page.selectOption(field("liaison.document.type"), { label: "居民身份证" });
      await page.fill(field("liaison.document.number"), "440305198503152222");
      await page.selectOption(field("materials.GT-M01"), { label: "电子签名" });
      await page.selectOption(field("materials.GT-M02"), { label: "共享数据调取（免提交）" });
      await page.selectOption(field("materials.GT-M03"), { label: "共享数据调取（免提交）" });
    };

    /** Controls without a label, or buttons without a name: none is allowed. */
    const unlabelled = (page: Page): Promise<string[]> =>
      page.evaluate(() =>
        [...document.querySelectorAll("input, select, textarea, button")]
          .filter(
            // biome-ignore lint/suspicious/noExplicitAny: a DOM element
            (e: any) =>
              !(e.labels?.length > 0) &&
              !e.getAttribute("aria-label") &&
              !(e.tagName === "BUTTON" && e.textContent.trim() !== ""),
          )
          // biome-ignore lint/suspicious/noExplicitAny: a DOM element
          .map((e: any) => e.id || e.outerHTML),
      );

    it("draws every bundled matter's form, every control labelled, from its own files only", async () => {
      const rules = await bundledRules();
      for (const { id, versions } of rules.matters()) {
        const file = rules.versionInForce(id, versions.at(-1)?.from ?? "")?.file;
        const before = requests.length;
        const page = await open(id);
        expect(await status(page), id).toBe("incomplete");
        const counts = await page.evaluate(() => ({
          controls: document.querySelectorAll("#application select, #application input").length,
          materials: document.querySelectorAll("fieldset.material").length,
          missing: document.querySelectorAll("#missing li").length,
        }));
        expect(counts.controls, id).toBeGreaterThan(10);
        // Every material of the matter has its place in the checklist.
        expect(counts.materials, id).toBe(file?.materials.length);
        // The empty application's one-time notice lists what the rules require, all at once.
        expect(counts.missing, id).toBeGreaterThan(3);
        expect(await unlabelled(page), id).toEqual([]);
        const files = requests.slice(before).map((u) => new URL(u).pathname.split("/").pop());
        expect(files.filter((f) => f !== "favicon.ico").sort(), id).toEqual(
          ["", "precheck.css", "precheck.js", "rules.js"].sort(),
        );
        await page.close();
      }
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    });

    it("says 'ready to submit' for an approvable application, evidence to be verified on submission, and sends nothing", async () => {
      const page = await open(IB);
      const loaded = requests.length;
      await fillApprovable(page);
      await page.click("#check");
      await statusBecomes(page, "ready");
      expect(await page.textContent("#summary")).toContain("可以提交");
      // Decided on the bundled rule file itself: the page shows its SHA-256.
      const today = await page.evaluate(() => document.querySelector("header .rules").textContent);
      const version = (await bundledRules()).versionInForce(IB, chinaToday(new Date()));
      expect(today).toContain((version?.sha256 ?? "?").slice(0, 12));
      // Never "approved": what only the receiving system can verify is listed as such.
      expect(await page.textContent("#summary")).not.toMatch(/批准|准予|approve/i);
      const pending = await page.$$eval("#pending li", (items) => items.map((i) => i.textContent));
      expect(pending.length).toBeGreaterThan(0);
      expect(pending.every((t) => t?.startsWith("提交后核验："))).toBe(true);
      expect(pending.join()).toContain("实名");
      expect(await page.$$("#missing li")).toHaveLength(0);
      expect(await page.$$("#clerk li")).toHaveLength(0);
      // Typing and deciding made no request at all: the data never left the page.
      expect(requests.slice(loaded)).toEqual([]);
      expect(elsewhere).toEqual([]);

      // The screenshot for the README: the top of the page, the result beside the form.
      await page.evaluate(() => {
        document.activeElement?.blur();
        document.documentElement.scrollTop = 0;
      });
      const shot = await page.screenshot();
      writeFileSync(join(SHOTS, "precheck-ready-zh-CN.png"), shot);
      if (process.env.UPDATE_SCREENSHOTS === "1") {
        writeFileSync(join(ROOT, "docs/img/precheck.png"), shot);
      }

      // Drop the signed application form (GT-M01): it is listed, and the page is not ready.
      await page.selectOption(field("materials.GT-M01"), { label: "暂不提交" });
      await statusBecomes(page, "incomplete");
      const missing = await page.textContent("#missing");
      expect(missing).toContain("个体工商户登记（备案）申请书（经营者签署）");
      expect(await page.getAttribute(field("materials.GT-M01"), "aria-invalid")).toBe("true");
      // "Check" takes the focus to the first problem: here the material.
      await page.click("#check");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("field:materials.GT-M01");
      await page.selectOption(field("materials.GT-M01"), { label: "电子签名" });
      await statusBecomes(page, "ready");

      // The premises' documents by commitment (告知承诺, 国办发〔2020〕42号): the page shows what the
      // applicant commits to, and leaves the credit check that decides whether a commitment may
      // be used to the receiving system.
      await page.selectOption(field("materials.GT-M03"), { label: "告知承诺" });
      await page.waitForSelector('#pending li:has-text("告知承诺")');
      expect(await status(page)).toBe("ready");
      expect(await page.isVisible("#material\\:GT-M03 .commitment")).toBe(true);
      expect(await page.textContent("#material\\:GT-M03 .commitment")).toContain("合法使用权");
      await page.selectOption(field("materials.GT-M03"), { label: "共享数据调取（免提交）" });
      await page.waitForSelector('#pending li:has-text("告知承诺")', { state: "detached" });

      // A scope entry that needs pre-approval (前置审批, 市场主体登记管理条例 art 14): the approval
      // document (GT-M05) appears in the notice and in the checklist.
      expect(await page.textContent(`[id="field:materials.GT-M05:status"]`)).toBe("本申请不需要");
      await page.click(field("scope:add"));
      await page.selectOption(field("scope.2.code"), { label: "危险化学品经营" });
      // The notice is decided again a moment after each change: wait for this one.
      await page.waitForSelector('#missing li:has-text("前置审批批准文件或许可证件")');
      expect(await status(page)).toBe("incomplete");
      expect(await page.textContent("#missing")).toContain("危险化学品经营");
      expect(await page.textContent(`[id="field:materials.GT-M05:status"]`)).toBe("需要提交");
      expect(requests.slice(loaded)).toEqual([]);
      await page.close();
      expect(problems).toEqual([]);
    });

    it("shows a refer on the applicant's own data as a clerk's review, never ready", async () => {
      const page = await open(IB);
      await fillApprovable(page);
      await statusBecomes(page, "ready");
      // A foreign national may not register an individual business (促进个体工商户发展条例 art 2, 37).
      await page.selectOption(field("operator.document.type"), { label: "外国护照" });
      await statusBecomes(page, "clerk");
      expect(await page.textContent("#summary")).toContain("提交后须人工审查");
      expect(await page.textContent("#summary")).not.toContain("可以提交");
      expect(await page.textContent("#clerk")).toContain("外国护照");
      await page.close();
      expect(problems).toEqual([]);
    });

    it("works from the keyboard alone: check, focus on the first problem, add and remove rows", async () => {
      const page = await open(IB);
      await page.focus("#check");
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("field:operator.name");
      await page.keyboard.type("李丽华");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(
        "field:operator.document.type",
      );
      await page.focus(field("scope:add"));
      await page.keyboard.press("Enter");
      // The new row is drawn and the focus is in it.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("field:scope.1.code");
      await page.focus(field("scope.1:remove"));
      await page.keyboard.press("Space");
      expect(await page.$(field("scope.1.code"))).toBeNull();
      // What was typed is kept through the redraw.
      expect(await page.inputValue(field("operator.name"))).toBe("李丽华");
      await page.close();
      expect(problems).toEqual([]);
    });

    it("speaks English with --locale en, and switches language in the page", async () => {
      const page = await open(IB, "en");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.textContent("#form-heading")).toBe("Application");
      expect(await page.textContent("#summary")).toMatch(/^Not ready: \d+ to supply or correct$/);
      expect(await unlabelled(page)).toEqual([]);
      await page.fill(field("operator.name"), "Li Lihua");
      await page.click("#switch-locale");
      await page.waitForSelector('#summary [data-status="incomplete"]');
      expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
      expect(await page.textContent("#form-heading")).toBe("申请信息");
      expect(await page.textContent("#summary")).toMatch(/^尚不能提交：还有 \d+ 项需要补正$/);
      expect(await page.inputValue(field("operator.name"))).toBe("Li Lihua");
      // A phone's width: no horizontal scrolling.
      await page.setViewportSize({ width: 390, height: 844 });
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBeLessThanOrEqual(0);
      await page.close();
      expect(problems).toEqual([]);
    });

    it("says so when the rules it carries have no version in force today", async () => {
      const rules = mkdtempSync(join(tmpdir(), "sa-precheck-future-"));
      cpSync(join(ROOT, "rules"), rules, { recursive: true });
      const file = join(rules, "matters", IB, "1.0.0.json");
      const matter = JSON.parse(readFileSync(file, "utf8"));
      matter.effective = { from: "2099-01-01" };
      writeFileSync(file, JSON.stringify(matter, null, 2));
      const result = await cli(
        "precheck",
        IB,
        "--rules",
        rules,
        "--out",
        join(out, "future", "zh-CN"),
      );
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(
        "no version of individual-business.establishment is in force today",
      );
      const page = await context.newPage();
      page.on("pageerror", (e) => problems.push(e.message));
      await page.goto(`${origin}/future/zh-CN/`);
      await page.waitForSelector("#app .error");
      expect(await page.textContent("#app .error")).toContain("没有");
      expect(await page.$("#summary")).toBeNull();
      await page.close();
      expect(problems).toEqual([]);
    });

    it("declares the same policy in the page itself, for a page opened from disk", async () => {
      const html = readFileSync(join(out, IB, "zh-CN", "index.html"), "utf8");
      expect(PAGE_CSP).toBe(CSP);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
      const page = await context.newPage();
      page.on("pageerror", (e) => problems.push(e.message));
      await page.goto(`file://${join(out, IB, "zh-CN", "index.html")}`);
      await page.waitForSelector("#summary [data-status]", { timeout: 30_000 });
      expect(await status(page)).toBe("incomplete");
      await page.close();
      expect(problems).toEqual([]);
    });
  },
);

if (!AVAILABLE) {
  console.warn(`pre-check page test ${SKIPPED}`);
  it.skip(SKIPPED, () => {});
}

// What the page is made of, checked without a browser.
describe("the files precheck writes", () => {
  it("are the page, its rules, its script and its style sheet; nothing in them can send data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sa-precheck-files-"));
    const result = await cli("precheck", IB, "--out", dir);
    expect(result.code).toBe(0);
    for (const file of OWN_FILES) expect(existsSync(join(dir, file)), file).toBe(true);
    const html = readFileSync(join(dir, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]?.trim());
    expect(scripts).toEqual([
      'type="application/json" id="smart-approval-precheck"',
      'src="rules.js"',
      'src="precheck.js"',
    ]);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    const data = /<script type="application\/json"[^>]*>([^<]*)<\/script>/.exec(html)?.[1];
    const config = JSON.parse(data ?? "");
    expect(config.matter).toBe(IB);
    // The page refuses rules other than those the command validated and printed.
    expect(result.stdout).toContain(`SHA-256 ${config.sha256}`);
    const rules = readFileSync(join(dir, "rules.js"), "utf8");
    expect(rules).toContain('globalThis["smartApprovalRules"] = ');
    // No way to send data out is even in the script.
    for (const file of ["rules.js", "precheck.js"]) {
      const script = readFileSync(join(dir, file), "utf8");
      expect(script, file).not.toMatch(/XMLHttpRequest|sendBeacon|WebSocket|EventSource|\bfetch\(/);
    }
  });

  it("reports a rule file with errors, located, and writes nothing (exit 2)", async () => {
    const rules = mkdtempSync(join(tmpdir(), "sa-precheck-rules-"));
    cpSync(join(ROOT, "rules"), rules, { recursive: true });
    const file = join(rules, "matters", IB, "1.0.0.json");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace('"unknownEvidenceReferral"', '"unknownEvidenceReferal"'),
    );
    const out = join(rules, "page");
    const result = await cli("precheck", IB, "--rules", rules, "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/1\.0\.0\.json:\d+:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses an unknown matter and a missing --out, in one line each", async () => {
    const unknown = await cli("precheck", "no.such-matter", "--out", tmpdir());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown matter "no.such-matter"');
    const noOut = await cli("precheck", IB);
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toContain("--out");
    const help = await cli("precheck", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: smart-approval precheck <matter> /);
    expect(help.stdout).toMatch(/--out DIR +where to write the page \(required\)/);
  });
});
