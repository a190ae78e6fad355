import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGuide } from "../../src/guide/guide.js";
import { formatGuideHtml } from "../../src/guide/guide-html.js";
import { bundledRules } from "../helpers.js";

// Functions passed to page.evaluate run in Chromium; the project compiles without the DOM lib.
// biome-ignore lint/suspicious/noExplicitAny: a browser global, typed by the browser
declare const document: any;
// biome-ignore lint/suspicious/noExplicitAny: a browser global, typed by the browser
declare const window: any;
// biome-ignore lint/suspicious/noExplicitAny: a browser global, typed by the browser
declare const Image: any;

// Debian's `chromium` package; CI installs it with fonts-noto-cjk (.ci/run). Never a
// downloaded browser: playwright-core drives the system one.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const AVAILABLE = existsSync(CHROMIUM);
const SKIPPED = `skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH)`;
/** Where the screenshots are left for a person to look at. */
const SHOTS = process.env.GUIDE_SCREENSHOTS ?? join(tmpdir(), "smart-approval-guide-screenshots");

const ACCENT = [0x1d, 0x4f, 0x91] as const;

async function guideHtml(locale: "zh-CN" | "en"): Promise<string> {
  const rules = await bundledRules();
  const version = rules.versionInForce("individual-business.establishment", "2025-06-30");
  if (!version) throw new Error("no bundled version in force");
  return formatGuideHtml(
    buildGuide(version.file, { sha256: version.sha256, laws: version.laws, locale }),
  );
}

/**
 * Pixel statistics of a PNG, computed by Chromium itself on a canvas (no image library), in a
 * blank page: the guide's own Content-Security-Policy would refuse the image.
 */
async function pixelStats(context: BrowserContext, png: Buffer) {
  const page = await context.newPage();
  const stats = await page.evaluate(
    async ({ data, accent }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      const { data: px } = context.getImageData(0, 0, image.width, image.height);
      let ink = 0;
      let accentTop = 0;
      const topRows = Math.min(80, image.height);
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b] = [px[i] as number, px[i + 1] as number, px[i + 2] as number];
        if (r < 200 || g < 200 || b < 200) ink++;
        const row = Math.floor(i / 4 / image.width);
        const near = Math.abs(r - accent[0]) + Math.abs(g - accent[1]) + Math.abs(b - accent[2]);
        if (row < topRows && near < 24) accentTop++;
      }
      return {
        width: image.width,
        height: image.height,
        inkShare: ink / (px.length / 4),
        accentTopShare: accentTop / (topRows * image.width),
      };
    },
    { data: png.toString("base64"), accent: ACCENT },
  );
  await page.close();
  return stats;
}

describe.skipIf(!AVAILABLE)(
  `the HTML guide in headless Chromium${AVAILABLE ? "" : ` (${SKIPPED})`}`,
  () => {
    let context: BrowserContext;
    const requests: string[] = [];
    const consoleErrors: string[] = [];

    beforeAll(async () => {
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
      await context.route("**/*", async (route) => {
        requests.push(route.request().url());
        await route.abort();
      });
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    const open = async (html: string, width: number, height: number) => {
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(m.text());
      });
      page.on("pageerror", (e) => consoleErrors.push(e.message));
      await page.setViewportSize({ width, height });
      await page.setContent(html, { waitUntil: "load" });
      return page;
    };

    it("is one self-contained page: no request, no script, no error", async () => {
      const html = await guideHtml("zh-CN");
      expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|@import|url\(/i);
      const page = await open(html, 1280, 900);
      expect(await page.title()).toBe("个体工商户设立登记 — 办事指南");
      await page.close();
      expect(requests).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });

    it("renders the checklist legibly on a desktop, Chinese in a CJK font (screenshot)", async () => {
      const page = await open(await guideHtml("zh-CN"), 1280, 900);
      const counts = await page.evaluate(() => ({
        conditions: document.querySelectorAll("#conditions ol.items > li").length,
        materials: document.querySelectorAll("#materials ol.items > li").length,
        headings: [...document.querySelectorAll("h2")].map((h) => h.textContent),
      }));
      expect(counts.headings).toEqual([
        "设定依据",
        "申请条件",
        "申请材料",
        "办理时限",
        "收费标准",
        "需要人工审查的情形",
        // The 告知 of 国办发〔2020〕42号 for the materials that accept a commitment (GT-M03).
        "告知承诺",
      ]);
      expect(counts.conditions).toBeGreaterThan(20);
      expect(counts.materials).toBeGreaterThan(5);

      const cdp = await context.newCDPSession(page);
      await cdp.send("DOM.enable");
      await cdp.send("CSS.enable");
      const { root } = await cdp.send("DOM.getDocument");
      const { nodeId } = await cdp.send("DOM.querySelector", {
        nodeId: root.nodeId,
        selector: "h1",
      });
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      const families = fonts.map((f) => f.familyName).join(", ");
      expect(families, "install fonts-noto-cjk so Chinese is not drawn as boxes").toMatch(
        /CJK|Han|Hei|PingFang|YaHei|Song|Ming/i,
      );

      const shot = await page.screenshot({ fullPage: true });
      writeFileSync(join(SHOTS, "guide-desktop-zh-CN.png"), shot);
      const stats = await pixelStats(context, shot);
      expect(stats.width).toBe(1280);
      expect(stats.height).toBeGreaterThan(3000);
      expect(stats.accentTopShare, "the header band is drawn in the accent colour").toBeGreaterThan(
        0.6,
      );
      expect(stats.inkShare, "the page is not blank").toBeGreaterThan(0.03);
      await page.close();
    });

    it("fits a phone's width without horizontal scrolling (screenshot)", async () => {
      const page = await open(await guideHtml("zh-CN"), 390, 844);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      const shot = await page.screenshot();
      writeFileSync(join(SHOTS, "guide-mobile-zh-CN.png"), shot);
      expect((await pixelStats(context, shot)).width).toBe(390);
      await page.close();
    });

    it("renders the English guide too", async () => {
      const page = await open(await guideHtml("en"), 1280, 900);
      expect(await page.textContent("h2")).toBe("Legal basis");
      writeFileSync(join(SHOTS, "guide-desktop-en.png"), await page.screenshot());
      await page.close();
      expect(requests).toEqual([]);
    });
  },
);

if (!AVAILABLE) {
  console.warn(`guide screenshot test ${SKIPPED}`);
  it.skip(SKIPPED, () => {});
}
