// Signed rules bundles: with trusted keys configured, a bundle loads only when an Ed25519 key
// the loader trusts signed it; without them, the digest still refuses accidents, and a body
// that is not rules is a located issue, never a crash.
import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateRules } from "../../src/entries/authoring.js";
import { loadRules, RuleFileError } from "../../src/index.js";
import { buildRulesBundle } from "../../src/node/load-rules.js";
import { cli, ROOT } from "../helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "sa-signed-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const pem = () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    private: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    public: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
};
const ours = pem();
const theirs = pem();
const minor = JSON.parse(readFileSync(join(ROOT, "examples/3-refer-minor-operator.json"), "utf8"));
const now = new Date(`${minor.appliedOn}T08:00:00Z`);
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let signed: string;
let unsigned: string;
beforeAll(async () => {
  const a = await buildRulesBundle(undefined, { sign: ours.private });
  const b = await buildRulesBundle();
  signed = a.bundle as string;
  unsigned = b.bundle as string;
}, 60_000);

function write(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

async function refusal(file: string, trust?: string[]): Promise<string[]> {
  const error = await loadRules(file, trust ? { trust } : {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RuleFileError);
  return (error as RuleFileError).issues.map((i) => `${i.code} ${i.pointer} ${i.line}`);
}

/** The bundle with GT-C02-adult lowered from 18 to 16 years and its digest recomputed. */
function weakened(text: string): string {
  const [headerText, body] = text.split("\n") as [string, string];
  const lowered = body.replace(
    /("path":"operatorIdentity\.age","operator":"greaterThanInclusive","value":)18/,
    "$116",
  );
  expect(lowered).not.toBe(body);
  const header = JSON.parse(headerText);
  header.sha256 = sha256(lowered);
  return `${JSON.stringify(header)}\n${lowered}\n`;
}

describe("signed rules bundles", () => {
  it("a bundle signed by a trusted key loads and decides as the rules it was built from", async () => {
    const file = write("signed.bundle", signed);
    const trusted = await loadRules(file, { trust: [theirs.public, ours.public] });
    const plain = await loadRules();
    const a = await trusted.decide(minor, { now });
    const b = await plain.decide(minor, { now });
    expect(a.outcome).toBe("refer");
    expect({ ...a, record: { ...a.record, decidedAt: "" } }).toEqual({
      ...b,
      record: { ...b.record, decidedAt: "" },
    });
  });

  it("a weakened rule with its digest recomputed approves a minor when nothing is trusted, and is refused when a key is", async () => {
    // What the digest alone cannot stop: whoever can write the file can recompute it.
    const tampered = write("tampered.bundle", weakened(unsigned));
    expect((await (await loadRules(tampered)).decide(minor, { now })).outcome).not.toBe("refer");
    expect(await refusal(tampered, [ours.public])).toEqual(["bundle-unsigned /signature 1"]);
    // The same edit to a signed bundle: the signature no longer covers the header.
    const resigned = write("tampered-signed.bundle", weakened(signed));
    expect(await refusal(resigned, [ours.public])).toEqual(["bundle-signature /signature 1"]);
  });

  it("refuses a bundle signed by a key it does not trust, and a rules directory, when keys are trusted", async () => {
    const file = write("signed-2.bundle", signed);
    const [issue] = await refusal(file, [theirs.public]);
    expect(issue).toBe("bundle-signature /signature 1");
    const error = (await loadRules(file, { trust: [theirs.public] }).catch(
      (e) => e,
    )) as RuleFileError;
    expect(error.issues[0]?.message).toMatch(
      /^the bundle is signed by key [0-9a-f]{16}, which is not trusted$/,
    );
    expect(await refusal(join(ROOT, "rules"), [ours.public])).toEqual(["bundle-unsigned  1"]);
    expect(await refusal(undefined as unknown as string, [ours.public])).toEqual([
      "bundle-unsigned  1",
    ]);
  });

  it("refuses a key that is not an Ed25519 key, to sign or to trust", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 });
    await expect(
      buildRulesBundle(undefined, {
        sign: rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      }),
    ).rejects.toThrow("the signing key is rsa, not Ed25519");
    await expect(
      loadRules(write("s.bundle", signed), {
        trust: [rsa.publicKey.export({ type: "spki", format: "pem" }).toString()],
      }),
    ).rejects.toThrow("a trusted key is not an Ed25519 public key");
  });
});

describe("bundle bodies that are not rules", () => {
  // Each body gets a header whose digest matches it: only the shape check stands in the way.
  const withBody = (body: string) => {
    const header = JSON.parse(unsigned.split("\n")[0] as string);
    header.sha256 = sha256(body);
    return `${JSON.stringify(header)}\n${body}\n`;
  };

  it.each([
    ["{}", "no list of matters"],
    ["null", "not a JSON object"],
    ["not json", "not a JSON object"],
    ['{"matters":[{}],"catalogs":[],"calendars":[]}', "a matter without its file or SHA-256"],
    ['{"matters":[],"catalogs":[null],"calendars":[]}', "no list of catalogs"],
  ])("%s: loadRules and validate each give a located bundle-body issue", async (body, why) => {
    const file = write(`body-${sha256(body).slice(0, 8)}.bundle`, withBody(body));
    expect(await refusal(file)).toEqual(["bundle-body  2"]);
    const issues = validateRules([file]);
    expect(issues.map((i) => [i.code, i.line, i.message])).toEqual([
      ["bundle-body", 2, `the bundle's rules are not rules: ${why}`],
    ]);
  });
});

describe("the CLI: bundle --sign, --trust", () => {
  it("signs, and loads only what a trusted key signed", async () => {
    const key = write("key.pem", ours.private);
    const trust = write("trust.pem", `${theirs.public}\n${ours.public}`);
    const other = write("other.pem", theirs.public);
    const out = join(scratch, "cli.bundle");
    const built = await cli("bundle", "--sign", key, "--out", out);
    expect(built.code).toBe(0);
    const example = join(ROOT, "examples/3-refer-minor-operator.json");
    const ok = await cli(
      "evaluate",
      example,
      "--rules",
      out,
      "--trust",
      trust,
      "--format",
      "json",
      "--replay",
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).outcome).toBe("refer");
    const refused = await cli("evaluate", example, "--rules", out, "--trust", other);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /cli\.bundle:1:1: error: the bundle is signed by key [0-9a-f]{16}, which is not trusted \[bundle-signature\]/,
    );
    const notKey = await cli("evaluate", example, "--rules", out, "--trust", example);
    expect(notKey.code).toBe(1);
    expect(notKey.stderr).toContain("no PEM public key in the file");
    const badSigner = await cli("bundle", "--sign", trust, "--out", join(scratch, "x.bundle"));
    expect(badSigner.code).toBe(1);
    expect(badSigner.stderr).toContain("--sign");
  });
});
