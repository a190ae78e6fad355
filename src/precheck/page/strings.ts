import type { Locale } from "./library.js";

/** The page's own words (the rules give the matter's); both locales, chosen in the page. */
export interface PageStrings {
  subtitle: string;
  intro: string;
  privacy: string;
  switchLocale: string;
  switchLocaleLabel: string;
  formHeading: string;
  materialsHeading: string;
  materialsIntro: string;
  resultHeading: string;
  check: string;
  choose: string;
  yes: string;
  no: string;
  add: (title: string) => string;
  remove: (title: string, n: number) => string;
  item: (title: string, n: number) => string;
  provide: (title: string) => string;
  required: string;
  accepts: string;
  via: string;
  notYet: string;
  channels: Record<string, string>;
  commitmentText: string;
  materialStatus: Record<string, string>;
  jsonHint: string;
  jsonInvalid: string;
  ready: string;
  readyDetail: string;
  incomplete: (n: number) => string;
  incompleteDetail: string;
  clerk: string;
  clerkDetail: string;
  toSupply: string;
  clerkReasons: string;
  pending: string;
  pendingDetail: string;
  pendingItem: (title: string) => string;
  pendingCommitment: (title: string) => string;
  conditional: string;
  basis: string;
  goTo: string;
  rulesLine: (version: string, sha256: string, date: string) => string;
  notDecided: (reason: string) => string;
  noVersion: (date: string) => string;
  loadFailed: (reason: string) => string;
}

export const STRINGS: Record<Locale, PageStrings> = {
  "zh-CN": {
    subtitle: "网上预审",
    intro:
      "填写申请信息并选择各项材料的提交方式，页面会按与审批系统相同的规则逐项检查，并一次性告知需要补正的全部内容。",
    privacy:
      "所填信息只在本页面内使用，不会发送到任何地方。预审结果不是审批决定：实名认证、登记信息比对等须由受理系统在提交后核验。",
    switchLocale: "English",
    switchLocaleLabel: "Switch to English",
    formHeading: "申请信息",
    materialsHeading: "申请材料",
    materialsIntro: "请为每项材料选择提交方式；每项材料只接受所列的方式。",
    resultHeading: "预审结果",
    check: "检查",
    choose: "请选择",
    yes: "是",
    no: "否",
    add: (title) => `添加${title}`,
    remove: (title, n) => `删除${title}第${n}项`,
    item: (title, n) => `${title}第${n}项`,
    provide: (title) => `填写${title}`,
    required: "必填",
    accepts: "可接受的提交方式",
    via: "提交方式",
    notYet: "暂不提交",
    channels: {
      upload: "上传材料",
      "e-sign": "电子签名",
      shared: "共享数据调取（免提交）",
      commitment: "告知承诺",
      deferred: "容缺后补",
    },
    commitmentText: "承诺内容",
    materialStatus: {
      satisfied: "已提交",
      committed: "已承诺",
      deferred: "容缺后补",
      missing: "需要提交",
      "not-required": "本申请不需要",
      undetermined: "是否需要取决于尚未填写的信息",
    },
    jsonHint: "以 JSON 填写",
    jsonInvalid: "不是有效的 JSON，未采用",
    ready: "可以提交",
    readyDetail:
      "所填信息和材料符合规定。以下事项由受理系统在提交后核验，核验通过前不构成审批决定。",
    incomplete: (n) => `尚不能提交：还有 ${n} 项需要补正`,
    incompleteDetail: "请按以下一次性告知补正后再提交：",
    clerk: "提交后须人工审查",
    clerkDetail: "以下情形须由工作人员审查，提交后不能即时办结：",
    toSupply: "需要补正的内容",
    clerkReasons: "人工审查的原因",
    pending: "提交后核验",
    pendingDetail: "以下事项只能由受理系统核验（实名认证、登记信息、共享数据），提交后核验：",
    pendingItem: (title) => `提交后核验：${title}`,
    pendingCommitment: (title) =>
      `提交后核验：申请人信用核查结果，以确认“${title}”可以适用告知承诺（不能适用的，届时须提交该材料）`,
    conditional: "如适用",
    basis: "依据",
    goTo: "转到",
    rulesLine: (version, sha256, date) =>
      `规则版本 ${version}（SHA-256 ${sha256.slice(0, 12)}…），按 ${date} 的规定检查`,
    notDecided: (reason) => `无法检查：${reason}`,
    noVersion: (date) =>
      `本页面所带的规则中没有 ${date} 有效的版本，无法检查；请取得新的预审页面。`,
    loadFailed: (reason) => `页面无法加载规则：${reason}`,
  },
  en: {
    subtitle: "Pre-check before you apply",
    intro:
      "Fill in the application and choose how you will supply each material. The page checks it by the same rules as the approval system and lists everything still to supply or correct, all at once.",
    privacy:
      "What you enter stays in this page and is sent nowhere. The pre-check is not a decision: real-name checks and registry look-ups are verified by the receiving system after you submit.",
    switchLocale: "中文",
    switchLocaleLabel: "切换到中文",
    formHeading: "Application",
    materialsHeading: "Materials",
    materialsIntro: "Choose how you will supply each material; each accepts only the ways listed.",
    resultHeading: "Pre-check result",
    check: "Check",
    choose: "Choose…",
    yes: "Yes",
    no: "No",
    add: (title) => `Add to ${title}`,
    remove: (title, n) => `Remove item ${n} of ${title}`,
    item: (title, n) => `${title}, item ${n}`,
    provide: (title) => `Fill in ${title}`,
    required: "required",
    accepts: "Accepted",
    via: "Supplied by",
    notYet: "Not yet",
    channels: {
      upload: "upload",
      "e-sign": "electronic signature",
      shared: "shared data (nothing to send)",
      commitment: "commitment (告知承诺)",
      deferred: "later (容缺)",
    },
    commitmentText: "What you commit to",
    materialStatus: {
      satisfied: "supplied",
      committed: "committed",
      deferred: "to follow",
      missing: "needed",
      "not-required": "not needed for this application",
      undetermined: "depends on data not yet given",
    },
    jsonHint: "as JSON",
    jsonInvalid: "not valid JSON; not used",
    ready: "Ready to submit",
    readyDetail:
      "The data and materials meet the rules. What follows is verified by the receiving system after you submit; until then this is not a decision.",
    incomplete: (n) => `Not ready: ${n} to supply or correct`,
    incompleteDetail: "Supply or correct the following, then submit:",
    clerk: "A clerk will review",
    clerkDetail: "A clerk must review the following; it cannot be decided on the spot:",
    toSupply: "To supply or correct",
    clerkReasons: "Why a clerk reviews it",
    pending: "To be verified on submission",
    pendingDetail:
      "Only the receiving system can verify these (real-name checks, registers, shared data); it does after you submit:",
    pendingItem: (title) => `To be verified on submission: ${title}`,
    pendingCommitment: (title) =>
      `To be verified on submission: the applicant's credit status, which decides whether “${title}” may be given by commitment (if not, the material itself will be asked for)`,
    conditional: "if it applies",
    basis: "Basis",
    goTo: "Go to",
    rulesLine: (version, sha256, date) =>
      `Rules version ${version} (SHA-256 ${sha256.slice(0, 12)}…), as in force on ${date}`,
    notDecided: (reason) => `Could not check: ${reason}`,
    noVersion: (date) =>
      `The rules in this page have no version in force on ${date}, so it cannot check; get a new pre-check page.`,
    loadFailed: (reason) => `The page could not load its rules: ${reason}`,
  },
};
