// The physical limit: the 个体工商户 checklist of bench/rules written out by hand in TypeScript —
// every standard, material and missing-value rule as plain code, no rule engine. It starts from
// the same validated data and derived facts as the others (prepareFacts) and gives the summary.
// It mirrors bench/rules/matters/individual-business.establishment/1.0.0.json: when that copy
// changes, this function must change with it (the benchmark refuses to run if they disagree).

import type { CompiledMatter } from "../../src/evaluate/compile-matter.js";
import { prepareFacts } from "../../src/evaluate/input-facts.js";
import { isAbsent as absent } from "../../src/evaluate/operators.js";
import { resolvePath } from "../../src/evaluate/path-resolver.js";
import { SUBMISSION_STRENGTH, type SubmittedMaterial } from "../../src/model/application.js";
import type { Summary } from "./host.js";

// biome-ignore lint/suspicious/noExplicitAny: applications are free-form JSON here
type Json = Record<string, any>;
/** Kleene values: fail, pass, unknown. */
const F = 0;
const P = 1;
const U = 2;
type Tri = 0 | 1 | 2;
/** Where missing values come from: [is applicant data (else evidence), path]. */
type Sources = ReadonlyArray<readonly [data: boolean, path: string]>;

/** What a failure means: a referral code, or a correction (the standard's id and field). */
type OnFail = { refer: string; id: ""; field: "" } | { refer: ""; id: string; field: string };
const refer = (code: string): OnFail => ({ refer: code, id: "", field: "" });
const correct = (id: string, field: string): OnFail => ({ refer: "", id, field });
const C01 = correct("GT-C01-document-valid", "operator.document.number");
const FOREIGN = refer("R-FOREIGN");
const HMT_REFER = refer("R-HMT");
const AGE_LT16 = refer("R-AGE-LT16");
const AGE_16_17 = refer("R-AGE-16-17");
const AGE_BDAY = refer("R-AGE-BDAY");
const ID_FAIL = refer("R-ID-FAIL");
const C04_FIRM = correct("GT-C04-agent-organization-code", "agent.organization.creditCode");
const PROHIBITED_REFER = refer("R-PROHIBITED-PERSON");
const C06 = correct("GT-C06-organization", "organization");
const C07 = correct("GT-C07-family-members", "familyMembers");
const C07_DOCS = correct("GT-C07-member-documents-valid", "familyMembers");
const JURISDICTION = refer("R-JURISDICTION");
const ADDR_UNMATCHED = refer("R-ADDR-UNMATCHED");
const ADDR_RESTRICTED = refer("R-ADDR-RESTRICTED");
const C08_ADDRESS = correct("GT-C08-address-given", "premises.address");
const MULTI_SITE = refer("R-MULTI-SITE");
const UNAVAILABLE = refer("R-DATA-UNAVAILABLE");
const C09_PLATFORM = correct("GT-C09-online-platform-named", "premises.platform");
const C10 = correct("GT-C10-scope-in-catalog", "scope");
const PREAPPROVAL = refer("R-PREAPPROVAL-UNVERIFIED");
const BAN_REFER = refer("R-BAN-3Y");
const N01 = correct("N-01-structure", "name");
const N02 = correct("N-02-standard-characters", "name");
const N03 = correct("N-03-trade-name-length", "name");
const NAME_CONTENT = refer("R-NAME-CONTENT");
const N06_ORDER = correct("N-06-region-order", "name");
const N06_LOCALITY = correct("N-06-region-locality", "name");
const N08 = correct("N-08-organization-form", "name");
const N11 = correct("N-11-not-identical", "name");
const N12 = correct("N-12-similarity-commitment", "nameCommitment");
const RISK_REFER = refer("R-RISK");

const NONE: Sources = [];
const data = (path: string): Sources => [[true, path]];
const evidence = (path: string): Sources => [[false, path]];
const DOC = data("operator.document");
const ORG = data("organization");
const MEMBERS = data("familyMembers");
const ONLINE = data("premises.online");
const SCOPE = data("scope");
const NAME = data("name");
const FIRM_CODE = data("agent.organization.creditCode");
const COMMITMENT = data("nameCommitment");
const OPERATOR_PASSED = evidence("realName.operator.passed");
const AGENT_PASSED = evidence("realName.agent.passed");
const LIAISON_PASSED = evidence("realName.liaison.passed");
const PROHIBITED = evidence("screening.prohibitedPerson");
const BAN = evidence("screening.falseRegistrationBan");
const RISK = evidence("screening.riskFlag");
const ADDRESS_MATCHED = evidence("premises.standardAddressMatched");
const RESTRICTED = evidence("premises.restricted");
const RESIDENTIAL = evidence("premises.residential");
const PLATFORM_VERIFIED = evidence("online.platformVerified");
const VERIFIED = evidence("preApproval.verified");
const VALID_UNTIL = evidence("preApproval.validUntil");
const ISSUED_ON = evidence("preApproval.issuedOn");
const AUTHORITY = evidence("authority.countyCode");
const IDENTICAL = evidence("nameCheck.identical");
const SIMILAR = evidence("nameCheck.similar");

const HOLDERS = new Set(["mainland", "hong-kong", "macao", "taiwan", "hmt"]);
const HMT = new Set(["hong-kong", "macao", "taiwan", "hmt"]);
const ORGANIZATIONS = new Set(["individual", "family"]);
const DATA_UNAVAILABLE = "R-DATA-UNAVAILABLE";

/** A comparison with a value that may be missing: unknown when it is. */
const is = (value: unknown, expected: unknown): Tri =>
  absent(value) ? U : value === expected ? P : F;
const and = (a: Tri, b: Tri): Tri => (a === F || b === F ? F : a === U || b === U ? U : P);
const or = (a: Tri, b: Tri): Tri => (a === P || b === P ? P : a === U || b === U ? U : F);

export function handWritten(compiled: CompiledMatter) {
  return function decide(app: Json): Summary {
    const submitted: SubmittedMaterial[] = app.materials ?? [];
    const { facts, fieldProblems, derivedErrors } = prepareFacts(compiled, {
      appliedOn: app.appliedOn,
      data: app.data,
      evidence: app.evidence ?? {},
      materials: submitted,
    });
    const d = facts.data as Json;
    const e = facts.evidence as Json;
    const x = facts.derived as Json;
    const m = facts.materials as Json;

    const referrals: string[] = [];
    for (let i = 0; i < derivedErrors.length; i++) referrals.push("internal-error");
    const corrections: Array<[id: string, field: string]> = [];
    // Missing values a check needed: [path, code if it is present, only if the check applies].
    const needed: Array<[path: string, code: string | undefined, conditional: boolean]> = [];
    /** A check that could not be evaluated: ask for the data, or refer for the evidence. */
    const unknown = (code: string | undefined, sources: Sources) => {
      let data = false;
      for (const [isData, path] of sources) {
        if (isData) {
          needed.push([path, code, false]);
          data = true;
        }
      }
      if (!data && sources.length > 0) referrals.push(code ?? DATA_UNAVAILABLE);
    };
    /** One standard: its require (F, P or U, and where U's missing values come from), what a
     * failure means, and its `when` likewise. */
    const standard = (
      tri: Tri,
      sources: Sources,
      onFail: OnFail,
      code?: string,
      when: Tri = P,
      whenSources: Sources = NONE,
    ) => {
      if (when === F) return;
      if (when === P) {
        if (tri === F) {
          if (onFail.refer) referrals.push(onFail.refer);
          else corrections.push([onFail.id, onFail.field]);
        } else if (tri === U) unknown(code, sources);
        return;
      }
      unknown(code, whenSources);
      // Whether it applies turns on missing data: say what it would need if it applies.
      if (!whenSources.some(([isData]) => isData)) return;
      if (tri === F && !onFail.refer) corrections.push([onFail.id, onFail.field]);
      else if (tri === U) {
        for (const [isData, path] of sources) if (isData) needed.push([path, code, true]);
      }
    };

    const identity = x.operatorIdentity as Json | undefined;
    const holder = identity?.holder;
    const age = identity?.age;
    const ageAtLeast = (n: number): Tri => (absent(age) ? U : age >= n ? P : F);

    // GT-C01 … GT-C03: the operator's identity document, nationality and age.
    standard(is(identity?.valid, true), DOC, C01);
    standard(absent(holder) ? U : HOLDERS.has(holder) ? P : F, DOC, FOREIGN);
    const notForeign: Tri = absent(holder) ? U : holder !== "foreign" ? P : F;
    const mainland = is(holder, "mainland");
    standard(mainland, DOC, HMT_REFER, undefined, notForeign, DOC);
    standard(ageAtLeast(16), DOC, AGE_LT16, undefined, mainland, DOC);
    standard(ageAtLeast(18), DOC, AGE_16_17, undefined, and(mainland, ageAtLeast(16)), DOC);
    const birthday = is(identity?.birthdayToday, false);
    standard(birthday, DOC, AGE_BDAY, undefined, and(mainland, is(age, 18)), DOC);

    // GT-C04: real-name checks of the operator, the agent and the liaison; the agent's firm.
    const realName = e.realName as Json | undefined;
    standard(is(realName?.operator?.passed, true), OPERATOR_PASSED, ID_FAIL, "R-ID-FAIL");
    const agentChecked = !absent(d.agent) && (!absent(m["GT-M04"]) || !absent(realName?.agent));
    standard(
      is(realName?.agent?.passed, true),
      AGENT_PASSED,
      ID_FAIL,
      "R-ID-FAIL",
      agentChecked ? P : F,
    );
    const firm: Tri = absent(d.agent?.organization) ? F : P;
    standard(is(x.agentOrganizationCode?.valid, true), FIRM_CODE, C04_FIRM, undefined, firm);
    standard(is(realName?.liaison?.passed, true), LIAISON_PASSED, ID_FAIL, "R-ID-FAIL");

    // GT-C05: screening (GT-C13 and GT-C14 below, in checklist order).
    const screening = e.screening as Json | undefined;
    standard(is(screening?.prohibitedPerson, false), PROHIBITED, PROHIBITED_REFER);

    // GT-C06, GT-C07: organisation and family members.
    const organization = d.organization;
    standard(absent(organization) ? U : ORGANIZATIONS.has(organization) ? P : F, ORG, C06);
    const family = is(organization, "family");
    const members = d.familyMembers;
    standard(
      absent(members) ? U : members.length >= 1 ? P : F,
      MEMBERS,
      C07,
      undefined,
      family,
      ORG,
    );
    const membersGiven: Tri = absent(members) ? F : P;
    const documents = is(x.familyIdentity?.allValid, true);
    standard(documents, MEMBERS, C07_DOCS, undefined, and(family, membersGiven), ORG);

    // GT-C08, GT-C09: premises, jurisdiction, online shops.
    const premises = d.premises as Json | undefined;
    const online = premises?.online;
    const offline = is(online, false);
    const onlineOnly = is(online, true);
    const premisesEvidence = e.premises as Json | undefined;
    const authority = e.authority?.countyCode;
    const county = premisesEvidence?.countyCode;
    const residenceCounty = e.residence?.countyCode;
    const sameCounty = (value: unknown): Tri =>
      absent(value) || absent(authority) ? U : value === authority ? P : F;
    const countySources = (value: unknown, path: string): Sources => [
      ...(absent(value) ? [[false, path] as const] : []),
      ...(absent(authority) ? [[false, "authority.countyCode"] as const] : []),
    ];
    const jurisdiction = sameCounty(county);
    standard(
      jurisdiction,
      jurisdiction === U ? countySources(county, "premises.countyCode") : NONE,
      JURISDICTION,
      undefined,
      offline,
      ONLINE,
    );
    const onlineJurisdiction = sameCounty(residenceCounty);
    standard(
      onlineJurisdiction,
      onlineJurisdiction === U ? countySources(residenceCounty, "residence.countyCode") : NONE,
      JURISDICTION,
      undefined,
      onlineOnly,
      ONLINE,
    );
    standard(
      is(premisesEvidence?.standardAddressMatched, true),
      ADDRESS_MATCHED,
      ADDR_UNMATCHED,
      undefined,
      offline,
      ONLINE,
    );
    standard(
      is(premisesEvidence?.restricted, false),
      RESTRICTED,
      ADDR_RESTRICTED,
      undefined,
      offline,
      ONLINE,
    );
    const restrictedScope = is(x.scope?.anyTrue?.residentialRestricted, false);
    const notResidential = is(premisesEvidence?.residential, false);
    const residentialUse = or(restrictedScope, notResidential);
    const residentialSources: Sources =
      residentialUse !== U
        ? NONE
        : [
            ...(restrictedScope === U ? SCOPE : NONE),
            ...(notResidential === U ? RESIDENTIAL : NONE),
          ];
    standard(residentialUse, residentialSources, ADDR_RESTRICTED, undefined, offline, ONLINE);
    standard(absent(premises?.address) ? F : P, NONE, C08_ADDRESS, undefined, offline, ONLINE);
    standard(absent(d.otherPremises) ? P : F, NONE, MULTI_SITE);
    const platformGiven: Tri = absent(premises?.platform) ? F : P;
    const platformVerified = is(e.online?.platformVerified, true);
    standard(
      platformVerified,
      PLATFORM_VERIFIED,
      UNAVAILABLE,
      undefined,
      and(onlineOnly, platformGiven),
      ONLINE,
    );
    standard(platformGiven, NONE, C09_PLATFORM, undefined, onlineOnly, ONLINE);

    // GT-C10, GT-C11, GT-C13: business scope, pre-approvals, the false-registration ban.
    const scope = x.scope as Json | undefined;
    standard(is(scope?.allKnown, true), SCOPE, C10);
    const preApprovalScope = is(scope?.anyTrue?.preApproval, true);
    const pre = e.preApproval as Json | undefined;
    const verified = is(pre?.verified, true);
    const until = x.preApprovalValidUntil?.daysAfterApplication;
    const issued = x.preApprovalIssued?.daysAfterApplication;
    const hasUntil = !absent(pre?.validUntil);
    const withUntil = and(hasUntil ? P : F, absent(until) ? U : until >= 0 ? P : F);
    const withoutUntil = and(hasUntil ? F : P, absent(issued) ? U : issued >= -90 ? P : F);
    const dates = or(withUntil, withoutUntil);
    const preApproved = and(verified, dates);
    const preApprovalSources: Sources =
      preApproved !== U
        ? NONE
        : [
            ...(verified === U ? VERIFIED : NONE),
            ...(dates === U && withUntil === U ? VALID_UNTIL : NONE),
            ...(dates === U && withoutUntil === U ? ISSUED_ON : NONE),
          ];
    const preApprovalApplies = and(preApprovalScope, absent(m["GT-M05"]) ? F : P);
    standard(preApproved, preApprovalSources, PREAPPROVAL, undefined, preApprovalApplies, SCOPE);
    standard(is(screening?.falseRegistrationBan, false), BAN, BAN_REFER);

    // N-01 … N-12: the business name, when there is one.
    const named: Tri = absent(d.name) ? F : P;
    const name = x.businessName as Json | undefined;
    const regionFound = is(name?.regionFound, true);
    const formFound = is(name?.organizationFormFound, true);
    standard(and(regionFound, formFound), NAME, N01, undefined, named);
    standard(is(name?.hanOnly, true), NAME, N02, undefined, named);
    const tradeLength = name?.tradeNameHanLength;
    standard(absent(tradeLength) ? U : tradeLength >= 2 ? P : F, NAME, N03, undefined, named);
    const placeOrIndustry = and(
      is(name?.tradeNameIsRegion, false),
      is(name?.tradeNameIsIndustry, false),
    );
    standard(placeOrIndustry, NAME, NAME_CONTENT, undefined, named);
    const regionApplies = and(named, regionFound);
    standard(is(name?.regionOrderValid, true), NAME, N06_ORDER, undefined, regionApplies, NAME);
    const prefix = name?.regionCodePrefix;
    const locality: Tri =
      absent(authority) || absent(prefix)
        ? U
        : typeof authority === "string" &&
            typeof prefix === "string" &&
            prefix !== "" &&
            authority.startsWith(prefix)
          ? P
          : F;
    const localitySources: Sources =
      locality !== U
        ? NONE
        : [...(absent(authority) ? AUTHORITY : NONE), ...(absent(prefix) ? NAME : NONE)];
    standard(locality, localitySources, N06_LOCALITY, undefined, regionApplies, NAME);
    standard(is(name?.industryFound, true), NAME, NAME_CONTENT, undefined, named);
    standard(
      is(name?.organizationFormAllowed, true),
      NAME,
      N08,
      undefined,
      and(named, formFound),
      NAME,
    );
    standard(is(name?.forbiddenHitCount, 0), NAME, NAME_CONTENT, undefined, named);
    standard(is(name?.restrictedHitCount, 0), NAME, NAME_CONTENT, undefined, named);
    const nameCheck = e.nameCheck as Json | undefined;
    standard(is(nameCheck?.identical, false), IDENTICAL, N11, undefined, named);
    standard(is(nameCheck?.similar, false), SIMILAR, NAME_CONTENT, undefined, named);
    standard(is(d.nameCommitment, true), COMMITMENT, N12, undefined, named);
    standard(is(screening?.riskFlag, false), RISK, RISK_REFER);

    // Materials GT-M01 … GT-M08: required? satisfied, committed, deferred or missing? Every
    // condition here turns on applicant data: when it is missing, the material is listed as
    // needed if it applies (none of them waits on evidence alone).
    const missing: string[] = [];
    const neededByMaterials: string[] = [];
    const material = (
      id: string,
      required: Tri,
      sources: Sources,
      accepted: readonly string[],
      deferrable: boolean,
    ) => {
      if (required === U) for (const [, path] of sources) neededByMaterials.push(path);
      if (required === F) return;
      let best: SubmittedMaterial | undefined;
      for (const s of submitted) {
        if (s.id !== id) continue;
        const ok = s.via === "deferred" ? deferrable : accepted.includes(s.via);
        if (ok && (!best || SUBMISSION_STRENGTH[s.via] > SUBMISSION_STRENGTH[best.via])) best = s;
      }
      if (best === undefined) missing.push(id);
      else if (best.via === "deferred") referrals.push("material-deferred");
    };
    material("GT-M01", P, NONE, ["e-sign", "upload"], false);
    material("GT-M02", P, NONE, ["shared", "upload"], false);
    material("GT-M03", offline, ONLINE, ["upload", "shared", "commitment"], true);
    material("GT-M04", absent(d.agent) ? F : P, NONE, ["e-sign", "upload"], false);
    material("GT-M05", preApprovalScope, SCOPE, ["shared", "upload"], false);
    const relation = e.family?.relationshipVerified;
    const unverified = or(absent(relation) ? P : F, is(relation, false));
    material("GT-M06", and(and(family, membersGiven), unverified), ORG, ["upload", "shared"], true);
    material("GT-M07", absent(holder) ? U : HMT.has(holder) ? P : F, DOC, ["upload"], false);
    material("GT-M08", onlineOnly, ONLINE, ["shared", "upload"], false);

    // Missing values: ask for absent data unless a reported field covers it; refer otherwise.
    const fields: string[] = [];
    for (const p of fieldProblems) fields.push(p.path === "" ? "data" : p.path);
    const overlaps = (a: string, b: string) =>
      a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
    for (const path of neededByMaterials) needed.push([path, undefined, false]);
    for (const [path, code, conditional] of needed) {
      if (fields.some((f) => overlaps(f, path)) || corrections.some(([, f]) => overlaps(f, path)))
        continue;
      if (absent(resolvePath(d, path))) fields.push(path);
      else if (!conditional) referrals.push(code ?? DATA_UNAVAILABLE);
    }

    for (const [id] of corrections) missing.push(id);
    for (const f of new Set(fields)) missing.push(f);
    const outcome = referrals.length > 0 ? "refer" : missing.length > 0 ? "incomplete" : "approve";
    return { outcome, missing: missing.sort(), referrals: [...new Set(referrals)].sort() };
  };
}
