// Issue 15: the rules' SHA-256, as docs/rule-authors.md ("The rule file's SHA-256") and the
// public guide's footer state it — of the RFC 8785 canonical JSON, not of the file's bytes.
// The document's Python recipe, run as written on each bundled matter file, must give the
// hash decisions record; `sha256sum`'s (the bytes') must not.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildGuide, formatGuideMarkdown } from "../../src/entries/browser.js";
import { bundledRules, ROOT } from "../helpers.js";

const DOC = readFileSync(join(ROOT, "docs", "rule-authors.md"), "utf8");
const RECIPE = /```python\n([\s\S]*?)```/.exec(DOC)?.[1] ?? "";
const PYTHON = spawnSync("python3", ["--version"]).status === 0;
const SAMPLE = "rules/matters/individual-business.establishment/1.0.0.json";

const rules = await bundledRules();
const matters = readdirSync(join(ROOT, "rules", "matters")).sort();

describe("the rule file's SHA-256", () => {
  it("the recipe is in the document and names a sample file to replace", () => {
    expect(RECIPE).toContain(SAMPLE);
  });

  for (const matter of matters) {
    for (const name of readdirSync(join(ROOT, "rules", "matters", matter))) {
      const file = `rules/matters/${matter}/${name}`;
      const version = name.replace(/\.json$/, "");
      it.skipIf(!PYTHON)(
        `${file}: the Python recipe gives the recorded hash, sha256sum does not`,
        () => {
          const summary = rules
            .matters()
            .find((m) => m.id === matter)
            ?.versions.find((v) => v.version === version);
          const recorded = summary && rules.versionInForce(matter, summary.from)?.sha256;
          expect(recorded).toMatch(/^[0-9a-f]{64}$/);
          const run = spawnSync("python3", ["-c", RECIPE.replace(SAMPLE, file)], { cwd: ROOT });
          expect(run.status, run.stderr.toString()).toBe(0);
          expect(run.stdout.toString().trim()).toBe(recorded);
          const bytes = createHash("sha256")
            .update(readFileSync(join(ROOT, file)))
            .digest("hex");
          expect(bytes).not.toBe(recorded);
        },
      );
    }
  }

  it("the guide says which hash it prints, in both locales", () => {
    const version = rules.versionInForce("individual-business.establishment", "2025-06-30");
    if (!version) throw new Error("no bundled version in force");
    for (const [locale, words] of [
      ["zh-CN", /RFC 8785[\s\S]*不是对文件原始字节计算/],
      ["en", /RFC 8785[\s\S]*not of the file's bytes/],
    ] as const) {
      const guide = buildGuide(version.file, {
        sha256: version.sha256,
        laws: version.laws,
        locale,
      });
      const text = formatGuideMarkdown(guide);
      expect(text).toContain(version.sha256);
      expect(text).toMatch(words);
    }
  });
});
