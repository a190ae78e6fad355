/// <reference lib="dom" />
import { classify, type PrecheckView } from "./classify.js";
import { CONFIG_ID, type PageConfig, RULES_GLOBAL } from "./config.js";
import { el } from "./dom.js";
import { catalogChoices, controlId, drawForm, type FormContext } from "./form.js";
import {
  ApplicationError,
  BrowserRules,
  type BrowserRulesModule,
  chinaToday,
  type Decision,
  type Locale,
  localize,
  type MatterFile,
  type MissingItem,
} from "./library.js";
import { type PageStrings, STRINGS } from "./strings.js";

// The pre-check page (网上预审): a form drawn from the matter's input schema, decided on every
// change by the library itself, with no evidence (only the receiving system has it) and no
// network: the applicant's data never leaves the page. See docs/precheck.md.

interface State {
  locale: Locale;
  data: Record<string, unknown>;
  /** How each material is supplied (its channel), by material id. */
  via: Map<string, string>;
  view?: PrecheckView;
  decision?: Decision;
}

/** Evidence is for the receiving system: the page's provider has nothing to say on any item. */
const NO_EVIDENCE = (): undefined => undefined;

const DECIDE_DELAY_MS = 150;

function start(): void {
  const app = document.getElementById("app");
  if (app === null) return;
  let config: PageConfig;
  let rules: BrowserRules;
  try {
    config = JSON.parse(document.getElementById(CONFIG_ID)?.textContent ?? "") as PageConfig;
    // Validated and compiled in Node when the page was written; here only checked to be those
    // rules (their SHA-256), with no code generated (the page's CSP has no 'unsafe-eval').
    const module = (globalThis as Record<string, unknown>)[RULES_GLOBAL] as BrowserRulesModule;
    rules = BrowserRules.fromModule(module, { sha256: config.sha256 });
  } catch (error) {
    const locale = document.documentElement.lang === "en" ? "en" : "zh-CN";
    app.replaceChildren(
      el("p", { class: "error", role: "alert" }, STRINGS[locale].loadFailed(message(error))),
    );
    return;
  }
  new Page(app, config, rules).draw();
}

class Page {
  readonly #state: State;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Decisions are numbered: only the latest one is shown. */
  #generation = 0;
  #controls: FormContext["controls"] = [];
  /** The controls the applicant changed: their problems are shown beside them. */
  readonly #touched = new Set<string>();
  /** Whether the applicant asked to check: then every problem is shown beside its control. */
  #checked = false;

  constructor(
    readonly app: HTMLElement,
    readonly config: PageConfig,
    readonly rules: BrowserRules,
  ) {
    this.#state = { locale: config.locale, data: {}, via: new Map() };
  }

  get today(): string {
    return chinaToday(new Date());
  }

  get matter(): MatterFile | undefined {
    return this.rules.versionInForce(this.config.matter, this.today)?.file;
  }

  get strings(): PageStrings {
    return STRINGS[this.#state.locale];
  }

  /** Draws the whole page from the state (on start, a new row or group, another language). */
  draw(): void {
    const { locale } = this.#state;
    const strings = this.strings;
    const matter = this.matter;
    document.documentElement.lang = locale;
    const focused = document.activeElement?.id;
    if (matter === undefined) {
      this.app.replaceChildren(
        el("p", { class: "error", role: "alert" }, strings.noVersion(this.today)),
      );
      return;
    }
    const title = localize(matter.title, locale);
    document.title = `${title} — ${strings.subtitle}`;
    this.#state.data = normalise(this.#state.data, matter);
    this.#controls = [];
    const choices = catalogChoices(matter, this.rules.catalogs, locale);
    const context: FormContext = {
      locale,
      strings,
      data: this.#state.data,
      choicesFor: (pattern) => choices.get(pattern),
      changed: (structural, focus) => (structural ? this.redraw(focus) : this.schedule()),
      controls: this.#controls,
    };
    const switcher = el(
      "button",
      { type: "button", id: "switch-locale", lang: locale === "en" ? "zh-CN" : "en" },
      strings.switchLocale,
    );
    switcher.setAttribute("aria-label", strings.switchLocaleLabel);
    switcher.addEventListener("click", () => {
      this.#state.locale = locale === "en" ? "zh-CN" : "en";
      this.redraw();
    });
    const check = el("button", { type: "submit", id: "check" }, strings.check);
    const form = el(
      "form",
      { id: "application", novalidate: "" },
      el(
        "section",
        { "aria-labelledby": "form-heading" },
        el("h2", { id: "form-heading" }, strings.formHeading),
        drawForm(matter.input.data as Record<string, unknown>, context),
      ),
      this.drawMaterials(matter),
      el("div", { class: "actions" }, check),
    );
    // A problem is shown beside a control once the applicant has changed it, or asked to check.
    const touch = (event: Event) => {
      const id = (event.target as HTMLElement | null)?.id;
      if (id) this.#touched.add(id);
    };
    form.addEventListener("input", touch);
    form.addEventListener("change", touch);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.checkNow();
    });
    const sha256 = this.rules.versionInForce(this.config.matter, this.today)?.sha256 ?? "";
    this.app.replaceChildren(
      el(
        "header",
        {},
        el("div", { class: "bar" }, el("p", { class: "subtitle" }, strings.subtitle), switcher),
        el("h1", {}, title),
        el("p", {}, strings.intro),
        el("p", { class: "privacy" }, strings.privacy),
        el("p", { class: "rules" }, strings.rulesLine(matter.version, sha256, this.today)),
      ),
      el(
        "div",
        { class: "columns" },
        form,
        el(
          "section",
          { id: "result", "aria-labelledby": "result-heading" },
          el("h2", { id: "result-heading", tabindex: "-1" }, strings.resultHeading),
          el("div", { id: "summary", role: "status", "aria-live": "polite" }),
          el("div", { id: "details" }),
        ),
      ),
    );
    if (focused) document.getElementById(focused)?.focus();
    void this.decideNow();
  }

  /** Draws the page again, and moves the focus where the change asks (see FormContext). */
  redraw(focus?: { id: string } | { under: string }): void {
    this.draw();
    if (focus === undefined) return;
    const id =
      "id" in focus
        ? focus.id
        : this.#controls.find((c) => c.path === focus.under || c.path.startsWith(`${focus.under}.`))
            ?.id;
    if (id !== undefined) document.getElementById(id)?.focus();
  }

  /** The materials checklist: each material, the channels it accepts, and the applicant's choice. */
  drawMaterials(matter: MatterFile): HTMLElement {
    const { locale } = this.#state;
    const strings = this.strings;
    const section = el(
      "section",
      { "aria-labelledby": "materials-heading" },
      el("h2", { id: "materials-heading" }, strings.materialsHeading),
      el("p", {}, strings.materialsIntro),
    );
    for (const material of matter.materials) {
      const channels = [...material.satisfiedBy, ...(material.deferrable ? ["deferred"] : [])];
      const id = controlId(["materials", material.id]);
      const select = el("select", { id, "aria-describedby": `${id}:status ${id}:problem` });
      select.append(el("option", { value: "" }, strings.notYet));
      for (const channel of channels) {
        const option = el("option", { value: channel }, strings.channels[channel] ?? channel);
        if (this.#state.via.get(material.id) === channel) option.selected = true;
        select.append(option);
      }
      const commitment = material.commitment
        ? el(
            "p",
            { class: "commitment", hidden: "" },
            `${strings.commitmentText}: ${localize(material.commitment.content, locale)}`,
          )
        : undefined;
      const showCommitment = () => {
        if (commitment) commitment.hidden = select.value !== "commitment";
      };
      showCommitment();
      select.addEventListener("change", () => {
        if (select.value === "") this.#state.via.delete(material.id);
        else this.#state.via.set(material.id, select.value);
        showCommitment();
        this.schedule();
      });
      this.#controls.push({ path: `materials.${material.id}`, id });
      section.append(
        el(
          "fieldset",
          { class: "material", id: `material:${material.id}` },
          el("legend", {}, `${material.id} ${localize(material.title, locale)}`),
          el("p", { class: "status", id: `${id}:status` }),
          el(
            "p",
            { class: "accepts" },
            `${strings.accepts}: ${channels.map((c) => strings.channels[c] ?? c).join(locale === "en" ? ", " : "、")}`,
          ),
          el("label", { for: id }, strings.via),
          select,
          ...(commitment ? [commitment] : []),
          el("p", { class: "problem", id: `${id}:problem`, hidden: "" }),
        ),
      );
    }
    return section;
  }

  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.decideNow(), DECIDE_DELAY_MS);
  }

  /** "Check": decides at once, then takes the focus to the first problem, or to the result. */
  async checkNow(): Promise<void> {
    clearTimeout(this.#timer);
    this.#checked = true;
    await this.decideNow();
    const first = this.#controls.find((c) =>
      document.getElementById(c.id)?.hasAttribute("aria-invalid"),
    );
    const target = first
      ? document.getElementById(first.id)
      : document.getElementById("result-heading");
    target?.focus();
  }

  /** Decides the application as it stands, and shows the decision if no later one started. */
  async decideNow(): Promise<void> {
    const generation = ++this.#generation;
    const { locale } = this.#state;
    const application = {
      matter: this.config.matter,
      appliedOn: this.today,
      data: this.#state.data,
      materials: [...this.#state.via].map(([id, via]) => ({ id, via })),
    };
    let decision: Decision;
    try {
      decision = await this.rules.decide(application, { locale, evidence: NO_EVIDENCE });
    } catch (error) {
      if (generation !== this.#generation) return;
      const reason =
        error instanceof ApplicationError
          ? error.problems.map((p) => p.message).join("; ")
          : message(error);
      document
        .getElementById("summary")
        ?.replaceChildren(el("p", { class: "error" }, this.strings.notDecided(reason)));
      return;
    }
    if (generation !== this.#generation) return;
    const matter = this.matter;
    if (matter === undefined) return;
    this.#state.decision = decision;
    this.#state.view = classify(decision, matter, locale);
    this.show(this.#state.view, decision, matter);
  }

  show(view: PrecheckView, decision: Decision, matter: MatterFile): void {
    const strings = this.strings;
    const summary = document.getElementById("summary");
    const details = document.getElementById("details");
    if (summary === null || details === null) return;
    const headline =
      view.status === "ready"
        ? strings.ready
        : view.status === "clerk"
          ? strings.clerk
          : strings.incomplete(view.missing.length);
    summary.replaceChildren(
      el("p", { class: `outcome ${view.status}`, "data-status": view.status }, headline),
    );
    const parts: HTMLElement[] = [];
    if (view.clerk.length > 0) {
      parts.push(
        el("h3", {}, strings.clerkReasons),
        el("p", {}, strings.clerkDetail),
        el(
          "ul",
          { id: "clerk" },
          ...view.clerk.map((r) => el("li", {}, r.message, this.basis(r.basis))),
        ),
      );
    }
    if (view.missing.length > 0) {
      parts.push(
        el("h3", {}, strings.toSupply),
        el("p", {}, strings.incompleteDetail),
        el("ol", { id: "missing" }, ...view.missing.map((item) => this.missingItem(item))),
      );
    }
    if (view.status === "ready") parts.push(el("p", {}, strings.readyDetail));
    if (view.pending.length > 0) {
      parts.push(
        el("h3", {}, strings.pending),
        el("p", {}, strings.pendingDetail),
        el(
          "ul",
          { id: "pending" },
          ...[
            ...new Set(
              view.pending.map((p) =>
                p.kind === "commitment"
                  ? strings.pendingCommitment(p.title)
                  : strings.pendingItem(p.title),
              ),
            ),
          ].map((text) => el("li", {}, text)),
        ),
      );
    }
    details.replaceChildren(...parts);
    this.markProblems(view.missing);
    for (const material of matter.materials) {
      const status = decision.materials.find((m) => m.id === material.id)?.status;
      const element = document.getElementById(`${controlId(["materials", material.id])}:status`);
      if (element) element.textContent = status ? (strings.materialStatus[status] ?? status) : "";
    }
  }

  basis(basis: MissingItem["basis"]): HTMLElement {
    const text = basis.map((b) => `${b.law} ${b.articles.join(", ")}`).join("; ");
    return el("span", { class: "basis" }, ` (${this.strings.basis}: ${text})`);
  }

  missingItem(item: MissingItem): HTMLElement {
    const target = this.controlFor(item);
    const li = el("li", {}, item.message, this.basis(item.basis));
    if (target) {
      const link = el("a", { href: `#${target}` }, this.strings.goTo);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        // The problem is shown beside the control the applicant was taken to.
        this.#touched.add(target);
        if (this.#state.view) this.markProblems(this.#state.view.missing);
        document.getElementById(target)?.focus();
      });
      li.append(" ", link);
    }
    return li;
  }

  /** The control an item of the notice is about: its field, the closest part of it, or its material. */
  controlFor(item: MissingItem): string | undefined {
    if (item.kind === "material") {
      return this.#controls.find((c) => c.path === `materials.${item.id}`)?.id;
    }
    const field = item.field ?? item.id;
    if (field === "data" || field === "") return this.#controls[0]?.id;
    // The control for the field or inside it; else for the nearest enclosing part drawn.
    const inside = this.#controls.find((c) => c.path === field || c.path.startsWith(`${field}.`));
    if (inside) return inside.id;
    const segments = field.split(".");
    for (let n = segments.length - 1; n > 0; n--) {
      const prefix = segments.slice(0, n).join(".");
      const found = this.#controls.find((c) => c.path === prefix);
      if (found) return found.id;
    }
    return undefined;
  }

  /** Shows each problem beside its control, and marks the control invalid. */
  markProblems(missing: readonly MissingItem[]): void {
    const messages = new Map<string, string[]>();
    for (const item of missing) {
      const id = this.controlFor(item);
      if (id === undefined || !(this.#checked || this.#touched.has(id))) continue;
      messages.set(id, [...(messages.get(id) ?? []), item.message]);
    }
    for (const { id } of this.#controls) {
      const control = document.getElementById(id);
      const problem = document.getElementById(`${id}:problem`);
      const text = messages.get(id);
      if (text) control?.setAttribute("aria-invalid", "true");
      else control?.removeAttribute("aria-invalid");
      if (problem) {
        problem.textContent = text ? text.join(" ") : "";
        problem.hidden = text === undefined;
      }
    }
  }
}

/** The data with every required list of groups holding the rows its `minItems` asks for. */
function normalise(data: Record<string, unknown>, matter: MatterFile): Record<string, unknown> {
  const schema = matter.input.data as {
    properties?: Record<string, { type?: string; minItems?: number; items?: { type?: string } }>;
    required?: string[];
  };
  for (const key of schema.required ?? []) {
    const property = schema.properties?.[key];
    if (property?.type === "array" && !Object.hasOwn(data, key)) {
      const rows = property.items?.type === "object" ? (property.minItems ?? 0) : 0;
      data[key] = Array.from({ length: rows }, () => ({}));
    }
  }
  return data;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

start();
