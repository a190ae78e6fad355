// A deterministic corpus of 个体工商户设立登记 applications for the benchmark, the differential
// test and batch runs: a seeded generator, varied enough that every outcome, most standards and
// every material are exercised — valid applications, defects of every kind, schema violations.

import { creditCodeCheckCharacter } from "../src/validators/credit-code.js";
import { residentIdCheckCharacter } from "../src/validators/resident-id.js";

export const CORPUS_MATTER = "individual-business.establishment";

// biome-ignore lint/suspicious/noExplicitAny: applications are free-form JSON here
type Json = Record<string, any>;
type Rng = () => number;

/** mulberry32: a small, fast, seedable generator (the same numbers on every platform). */
export function seededRandom(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const chance = (rng: Rng, p: number) => rng() < p;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const digits = (rng: Rng, n: number) =>
  Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join("");

const REGIONS = [
  { prefix: "深圳市南山区", code: "440305" },
  { prefix: "深圳市福田区", code: "440304" },
  { prefix: "深圳市罗湖区", code: "440303" },
  { prefix: "深圳市宝安区", code: "440306" },
  { prefix: "广州市天河区", code: "440106" },
  { prefix: "北京市朝阳区", code: "110105" },
  { prefix: "北京市海淀区", code: "110108" },
  { prefix: "安丘市", code: "370784" },
  { prefix: "潍坊市奎文区", code: "370705" },
  { prefix: "济南市历下区", code: "370102" },
] as const;
const BIRTH_REGIONS = ["440305", "370784", "110105", "440304", "370102", "420102", "510104"];
const SURNAMES = ["李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
const GIVEN = ["丽华", "伟", "芳", "秀英", "敏", "静", "强", "磊", "洋", "艳", "建国", "小雨"];
const TRADE = ["丽华", "王记", "福来", "鑫源", "金禾", "春风", "晨光", "和顺", "嘉禾", "顺发"];
const INDUSTRY = ["便利", "超市", "百货", "面", "小吃", "服装", "五金", "水果", "茶", "理发"];
const FORMS = ["店", "馆", "行", "部", "坊", "铺", "屋"];
const GENERAL_SCOPE = [
  "daily-goods-sales",
  "clothing-retail",
  "shoes-hats-retail",
  "stationery-retail",
  "hardware-retail",
  "fresh-fruit-retail",
  "hairdressing",
  "laundry",
  "photography",
  "online-sales",
  "prepackaged-food-sales",
  "information-consulting",
];
const PRE_APPROVAL_SCOPE = ["security-services", "hazardous-chemicals"];
const RESIDENTIAL_RESTRICTED_SCOPE = ["catering", "motor-vehicle-repair", "internet-cafe"];
const VALID_CREDIT_CODES = ["91440300MA5FAB1235"];
const PLATFORMS = ["淘宝", "京东", "拼多多", "抖音"];

/** Days since 1970-01-01 for a civil date, and back. */
function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}
function civilDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split("-") as [string, string, string];
  const day = m === "02" && d === "29" ? "28" : d;
  return `${String(Number(y) + years).padStart(4, "0")}-${m}-${day}`;
}

function residentId(rng: Rng, birthDate: string, region = pick(rng, BIRTH_REGIONS)): string {
  const first17 = `${region}${birthDate.replaceAll("-", "")}${digits(rng, 3)}`;
  return first17 + (residentIdCheckCharacter(first17) ?? "0");
}

function withBadCheckCharacter(id: string): string {
  const last = id.at(-1);
  return id.slice(0, -1) + (last === "1" ? "2" : "1");
}

function creditCode(rng: Rng): string {
  if (chance(rng, 0.5)) return pick(rng, VALID_CREDIT_CODES);
  const first17 = `92${pick(rng, ["440305", "370784", "110105"])}MA${digits(rng, 3)}B${digits(rng, 3)}`;
  return first17.slice(0, 17) + (creditCodeCheckCharacter(first17.slice(0, 17)) ?? "0");
}

function birthDateForAge(rng: Rng, appliedOn: string, age: number): string {
  // A birthday strictly inside the year of age: between one day and 364 days before the next.
  const last = dayNumber(addYears(appliedOn, -age));
  return civilDate(last - int(rng, 1, 360));
}

function person(rng: Rng, appliedOn: string) {
  const name = pick(rng, SURNAMES) + pick(rng, GIVEN);
  const birthDate = birthDateForAge(rng, appliedOn, int(rng, 18, 80));
  return { name, document: { type: "resident-id", number: residentId(rng, birthDate) } };
}

/** A valid, approvable application, with benign variety (family, agent, online, commitments…). */
function approvable(rng: Rng, index: number): Json {
  const appliedOn = civilDate(dayNumber("2024-01-02") + int(rng, 0, 1080));
  const region = pick(rng, REGIONS);
  const operator = person(rng, appliedOn);
  const online = chance(rng, 0.15);
  const named = chance(rng, 0.85);
  const scope = Array.from({ length: int(rng, 1, 3) }, () => ({ code: pick(rng, GENERAL_SCOPE) }));
  const data: Json = {
    operator: { ...operator, residence: `${region.prefix}某某路${int(rng, 1, 999)}号` },
    organization: "individual",
    scope,
    premises: online
      ? { online: true, platform: pick(rng, PLATFORMS), shopUrl: `https://shop.example/${index}` }
      : {
          online: false,
          address: `${region.prefix}某某街道${int(rng, 1, 999)}号${int(rng, 1, 30)}01`,
        },
    liaison: chance(rng, 0.7)
      ? { name: operator.name, phone: `139${digits(rng, 8)}` }
      : { name: pick(rng, SURNAMES) + pick(rng, GIVEN), phone: `138${digits(rng, 8)}` },
  };
  if (named) {
    data.name = `${region.prefix}${pick(rng, TRADE)}${pick(rng, INDUSTRY)}${pick(rng, FORMS)}`;
    data.nameCommitment = true;
  }
  if (chance(rng, 0.2)) data.funds = int(rng, 0, 500_000);
  const evidence: Json = {
    realName: { operator: { passed: true }, liaison: { passed: true } },
    authority: { countyCode: region.code },
    screening: { prohibitedPerson: false, falseRegistrationBan: false, riskFlag: false },
    // Clean credit (国办发〔2020〕42号): a commitment is relied on. The alternatives do not model
    // the credit guard; no defect below touches it, so they agree with the library.
    credit: {
      seriousDishonesty: { recorded: false },
      falseCommitment: { recorded: false },
      unfulfilledCommitment: { recorded: false },
    },
  };
  if (!online) {
    evidence.premises = {
      countyCode: region.code,
      standardAddressMatched: true,
      restricted: false,
      ...(chance(rng, 0.6) && { residential: chance(rng, 0.3) }),
    };
  } else {
    evidence.online = { platformVerified: true };
    evidence.residence = { countyCode: region.code };
  }
  if (named) evidence.nameCheck = { identical: false, similar: false };
  const materials: Json[] = [
    { id: "GT-M01", via: pick(rng, ["e-sign", "e-sign", "upload"]) },
    { id: "GT-M02", via: pick(rng, ["shared", "shared", "upload"]) },
  ];
  if (!online) materials.push({ id: "GT-M03", via: pick(rng, ["shared", "upload", "commitment"]) });
  else materials.push({ id: "GT-M08", via: pick(rng, ["shared", "upload"]) });
  const application: Json = {
    id: `gen-${String(index).padStart(7, "0")}`,
    matter: CORPUS_MATTER,
    appliedOn,
    data,
    evidence,
    materials,
  };
  if (chance(rng, 0.15)) family(rng, application, true);
  if (chance(rng, 0.12)) agent(rng, application, true);
  if (chance(rng, 0.08)) preApproval(rng, application, true);
  if (chance(rng, 0.3)) shuffle(rng, application.materials);
  return application;
}

function family(rng: Rng, app: Json, verified: boolean): void {
  app.data.organization = "family";
  app.data.familyMembers = Array.from({ length: int(rng, 1, 3) }, () => ({
    ...person(rng, app.appliedOn),
    relationship: pick(rng, ["配偶", "子女", "父母", "兄弟姐妹"]),
  }));
  const r = rng();
  if (verified) app.evidence.family = { relationshipVerified: true };
  else if (r < 0.5) app.evidence.family = { relationshipVerified: false };
  else if (r < 0.75) app.materials.push({ id: "GT-M06", via: pick(rng, ["upload", "shared"]) });
}

function agent(rng: Rng, app: Json, valid: boolean): void {
  app.data.agent = person(rng, app.appliedOn);
  if (chance(rng, 0.4))
    app.data.agent.organization = { name: "某企业服务有限公司", creditCode: creditCode(rng) };
  app.evidence.realName.agent = { passed: true };
  app.materials.push({ id: "GT-M04", via: pick(rng, ["e-sign", "upload"]) });
  if (valid) return;
  const defect = int(rng, 0, 3);
  if (defect === 0) app.materials = app.materials.filter((m: Json) => m.id !== "GT-M04");
  else if (defect === 1) app.evidence.realName.agent = { passed: false };
  else if (defect === 2) {
    app.materials = app.materials.filter((m: Json) => m.id !== "GT-M04");
    delete app.evidence.realName.agent;
  } else {
    app.data.agent.organization = { name: "某企业服务有限公司", creditCode: "91440300MA5FAB1I35" };
  }
}

function preApproval(rng: Rng, app: Json, valid: boolean): void {
  app.data.scope.push({ code: pick(rng, PRE_APPROVAL_SCOPE) });
  const issued = dayNumber(app.appliedOn) - int(rng, 0, valid ? 90 : 200);
  const record: Json = { verified: true, issuedOn: civilDate(issued) };
  if (chance(rng, 0.5))
    record.validUntil = civilDate(dayNumber(app.appliedOn) + int(rng, valid ? 0 : -60, 365));
  if (!valid && chance(rng, 0.3)) record.verified = false;
  app.evidence.preApproval = record;
  if (valid || chance(rng, 0.6))
    app.materials.push({ id: "GT-M05", via: pick(rng, ["shared", "upload"]) });
  if (app.evidence.premises && app.data.scope.some((s: Json) => s.code === "hazardous-chemicals")) {
    app.evidence.premises.residential = false;
  }
}

function setIdentity(rng: Rng, app: Json, type: string, number: string): void {
  app.data.operator.document = { type, number };
  if (type !== "resident-id" && chance(rng, 0.5))
    app.materials.push({ id: "GT-M07", via: "upload" });
}

/** Defects, each making the application incomplete or referred (or, combined, both). */
const DEFECTS: ReadonlyArray<(rng: Rng, app: Json) => void> = [
  // Identity and age
  (rng, app) => {
    const age = pick(rng, [10, 14, 15, 16, 17]);
    const birth = birthDateForAge(rng, app.appliedOn, age);
    app.data.operator.document.number = residentId(rng, birth);
  },
  (rng, app) => {
    const birth = addYears(app.appliedOn, -pick(rng, [18, 18, 16]));
    app.data.operator.document.number = residentId(
      rng,
      chance(rng, 0.7) ? birth : civilDate(dayNumber(birth) - 1),
    );
  },
  (_rng, app) => {
    app.data.operator.document.number = withBadCheckCharacter(app.data.operator.document.number);
  },
  (rng, app) => setIdentity(rng, app, "foreign-passport", `E${digits(rng, 8)}`),
  (rng, app) =>
    setIdentity(rng, app, "hk-macao-permit", `${pick(rng, ["H", "M"])}${digits(rng, 8)}`),
  (rng, app) => setIdentity(rng, app, "taiwan-permit", digits(rng, pick(rng, [8, 8, 7]))),
  (rng, app) => {
    const birth = birthDateForAge(rng, app.appliedOn, int(rng, 20, 60));
    const id = residentId(rng, birth, pick(rng, ["810000", "820000", "830000"]));
    setIdentity(rng, app, chance(rng, 0.8) ? "hmt-residence-permit" : "resident-id", id);
  },
  (rng, app) => {
    app.data.operator.document.number = chance(rng, 0.5) ? `99${digits(rng, 16)}` : digits(rng, 12);
  },
  // Real-name checks
  (rng, app) => {
    if (chance(rng, 0.5)) app.evidence.realName.operator = { passed: false };
    else delete app.evidence.realName.operator;
  },
  (rng, app) => {
    if (chance(rng, 0.5)) app.evidence.realName.liaison = { passed: false };
    else delete app.evidence.realName.liaison;
  },
  (rng, app) => agent(rng, app, false),
  // Organisation and family
  (_rng, app) => {
    app.data.organization = "partnership";
  },
  (rng, app) => {
    family(rng, app, false);
    const r = rng();
    if (r < 0.3) delete app.data.familyMembers;
    else if (r < 0.5) {
      const member = app.data.familyMembers[0];
      member.document.number = withBadCheckCharacter(member.document.number);
    }
  },
  // Premises
  (rng, app) => {
    if (app.data.premises.online) {
      const defect = int(rng, 0, 3);
      if (defect === 0) delete app.data.premises.platform;
      else if (defect === 1)
        app.evidence.online = chance(rng, 0.5) ? { platformVerified: false } : {};
      else if (defect === 2) app.evidence.residence = { countyCode: "370784" };
      else app.materials = app.materials.filter((m: Json) => m.id !== "GT-M08");
      return;
    }
    const defect = int(rng, 0, 6);
    const evidence = app.evidence.premises;
    if (evidence === undefined) return;
    if (defect === 0) delete app.data.premises.address;
    else if (defect === 1)
      evidence.countyCode = evidence.countyCode === "440305" ? "440304" : "440305";
    else if (defect === 2) evidence.standardAddressMatched = false;
    else if (defect === 3) evidence.restricted = true;
    else if (defect === 4) {
      app.data.scope.push({ code: pick(rng, RESIDENTIAL_RESTRICTED_SCOPE) });
      if (chance(rng, 0.6)) evidence.residential = true;
      else delete evidence.residential;
    } else if (defect === 5) delete app.evidence.premises;
    else delete evidence.countyCode;
  },
  (rng, app) => {
    app.data.otherPremises = [{ address: `某市某区某路${int(rng, 1, 99)}号` }];
  },
  // Scope
  (rng, app) => {
    app.data.scope.push({
      code: pick(rng, ["cryptocurrency-mining", "daily-goods", "unknown-activity"]),
    });
  },
  (rng, app) => preApproval(rng, app, false),
  // Screening
  (rng, app) => {
    const flag = pick(rng, ["prohibitedPerson", "falseRegistrationBan", "riskFlag"]);
    if (app.evidence.screening === undefined) return;
    if (chance(rng, 0.75)) app.evidence.screening[flag] = true;
    else if (chance(rng, 0.5)) delete app.evidence.screening[flag];
    else delete app.evidence.screening;
  },
  (_rng, app) => {
    delete app.evidence.authority;
  },
  // Name
  (rng, app) => {
    const region = pick(rng, REGIONS);
    const trade = pick(rng, TRADE);
    app.data.name = pick(rng, [
      `中国${trade}便利店`,
      `${region.prefix}A1贸易公司`,
      `${region.prefix}${trade}贸易公司`,
      `南山区${trade}便利店`,
      `${region.prefix}${trade.slice(0, 1)}便利店`,
      `${region.prefix}${trade}赌场百货店`,
      `${region.prefix}国际${trade}商行`,
      `${region.prefix}${trade}星辰店`,
      `${region.prefix}安丘便利店`,
      `${region.prefix}便利便利店`,
      `${region.prefix}${trade}便利店；${region.prefix}${trade}超市`,
      `${region.prefix}${trade}${pick(rng, INDUSTRY)}${pick(rng, FORMS)}`,
    ]);
    app.data.nameCommitment ??= true;
    app.evidence.nameCheck ??= { identical: false, similar: false };
  },
  (rng, app) => {
    if (app.data.name === undefined) return;
    const defect = int(rng, 0, 3);
    if (defect === 0) app.evidence.nameCheck = { identical: true, similar: chance(rng, 0.3) };
    else if (defect === 1) app.evidence.nameCheck = { identical: false, similar: true };
    else if (defect === 2) delete app.evidence.nameCheck;
    else app.data.nameCommitment = chance(rng, 0.5) ? false : undefined;
  },
  // Materials
  (rng, app) => {
    const id = pick(rng, ["GT-M01", "GT-M02", "GT-M03", "GT-M08"]);
    const present = app.materials.filter((m: Json) => m.id === id);
    if (present.length === 0) return;
    const defect = int(rng, 0, 3);
    if (defect === 0) app.materials = app.materials.filter((m: Json) => m.id !== id);
    else if (defect === 1) present[0].via = "deferred";
    else if (defect === 2) present[0].via = pick(rng, ["shared", "e-sign", "commitment"]);
    else app.materials.push({ id, via: "deferred" });
  },
  // Schema violations: invalid values are removed and asked for again
  (rng, app) => {
    const defect = int(rng, 0, 5);
    if (app.data.liaison === undefined) return;
    if (defect === 0) app.data.liaison.phone = digits(rng, 3);
    else if (defect === 1) app.data.funds = -int(rng, 1, 100);
    else if (defect === 2) app.data.operator.name = "";
    else if (defect === 3) app.data.scope = [];
    else if (defect === 4) app.data.nickname = "小李";
    else delete app.data.liaison;
  },
  (rng, app) => {
    const defect = int(rng, 0, 2);
    if (defect === 0) app.evidence.realName.operator = { passed: "yes" };
    else if (defect === 1) app.evidence.authority = { countyCode: "4403" };
    else app.evidence.screening = { ...app.evidence.screening, riskFlag: "unknown" };
  },
];

function shuffle<T>(rng: Rng, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

/**
 * `count` applications for 个体工商户设立登记, the same ones for the same seed: about 40%
 * clean (most approve), the rest with one to three defects drawn from every part of the checklist.
 *
 * @example
 * const corpus = generateApplications(1000); // deterministic
 */
export function generateApplications(count: number, seed = 20_250_630): Json[] {
  const rng = seededRandom(seed);
  const out: Json[] = [];
  for (let i = 0; i < count; i++) {
    const app = approvable(rng, i);
    if (!chance(rng, 0.4)) {
      const defects = int(rng, 1, 3);
      for (let d = 0; d < defects; d++)
        (pick(rng, DEFECTS) as (rng: Rng, app: Json) => void)(rng, app);
    }
    out.push(namesWhomVerified(app, i));
  }
  return out;
}

/**
 * Real-name results say whom they verified (the person's number, as the data gives it), and
 * the liaison has an identity document to compare it with: the operator's when the liaison is
 * the operator, else one of their own. Made with a generator of its own per application, so
 * that the rest of the corpus is what it was before real-name results named anybody.
 */
function namesWhomVerified(app: Json, index: number): Json {
  const { data } = app;
  if (data.liaison && data.liaison.document === undefined) {
    data.liaison.document =
      data.liaison.name === data.operator?.name && data.operator.document
        ? structuredClone(data.operator.document)
        : { type: "resident-id", number: residentId(seededRandom(index + 7_919), "1985-05-05") };
  }
  for (const [person, item] of Object.entries(app.evidence?.realName ?? {})) {
    const number = data[person]?.document?.number;
    if (typeof item === "object" && item !== null && typeof number === "string") {
      (item as Json).idNumber = number;
    }
  }
  return app;
}
