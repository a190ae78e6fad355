/// <reference lib="dom" />
import { el } from "./dom.js";
import { dotPath, getAt, type Path, setAt } from "./json-path.js";
import { type Locale, type LocalizedText, localize, type MatterFile } from "./library.js";
import type { PageStrings } from "./strings.js";

type Schema = Record<string, unknown>;

/** A value list offered for a field: a catalog's entries, for a key a derived fact looks up. */
export interface Choice {
  value: string;
  label: string;
}

/** Everything the form is drawn from, and what it tells when the applicant changes something. */
export interface FormContext {
  locale: Locale;
  strings: PageStrings;
  data: Record<string, unknown>;
  /** The entries offered for a field (by its path with `*` for list indexes), if any. */
  choicesFor(pattern: string): Choice[] | undefined;
  /**
   * `structural`: a row or a group came or went, so the form is drawn again; the focus then
   * goes to the control `focus.id`, or to the first control under the data path `focus.under`.
   */
  changed(structural: boolean, focus?: { id: string } | { under: string }): void;
  /** Every control drawn, in document order, with the data path it edits. */
  controls: Array<{ path: string; id: string }>;
}

/**
 * Draws the form for a matter's input data schema: each property by its `title`, objects as
 * groups (an optional one behind a "fill in" box), lists with add and remove buttons, `enum`s
 * as choices with their `x-enumTitles`, booleans as yes / no, `format: date` as a date, and a
 * key a `catalog-match` derived fact looks up as a choice of the catalog's entries. What the
 * form cannot draw (a schema it does not know) is edited as JSON: nothing is left out.
 */
export function drawForm(schema: Schema, context: FormContext): HTMLElement {
  const root = el("div", { class: "form-root" });
  drawProperties(schema, [], root, context);
  return root;
}

function drawProperties(schema: Schema, path: Path, into: HTMLElement, context: FormContext) {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const [key, child] of Object.entries(properties)) {
    into.append(drawNode(child, [...path, key], key, required.has(key), context));
  }
}

function drawNode(
  schema: Schema,
  path: Path,
  key: string,
  required: boolean,
  context: FormContext,
): HTMLElement {
  const title = label(schema, key, context.locale);
  if (schema.type === "object" && isObjectSchema(schema)) {
    return drawGroup(schema, path, title, required, context);
  }
  if (schema.type === "array" && typeof schema.items === "object" && schema.items !== null) {
    return drawList(schema, path, title, required, context);
  }
  return drawField(schema, path, title, required, context);
}

function isObjectSchema(schema: Schema): boolean {
  return typeof schema.properties === "object" && schema.properties !== null;
}

/** A group of fields; an optional group is present only when the applicant says so. */
function drawGroup(
  schema: Schema,
  path: Path,
  title: string,
  required: boolean,
  context: FormContext,
): HTMLElement {
  const fieldset = el("fieldset", { class: "group" }, el("legend", {}, title));
  const present = getAt(context.data, path) !== undefined;
  if (!required) {
    const id = controlId(path, "present");
    const box = el("input", { type: "checkbox", id });
    box.checked = present;
    box.addEventListener("change", () => {
      setAt(context.data, path, box.checked ? {} : undefined);
      context.changed(true);
    });
    context.controls.push({ path: dotPath(path), id });
    fieldset.append(
      el("div", { class: "toggle" }, box, el("label", { for: id }, context.strings.provide(title))),
    );
  }
  if (required || present) drawProperties(schema, path, fieldset, context);
  return fieldset;
}

/** A list: one group per item, with a button to remove it, and a button to add one. */
function drawList(
  schema: Schema,
  path: Path,
  title: string,
  required: boolean,
  context: FormContext,
): HTMLElement {
  const items = schema.items as Schema;
  const fieldset = el("fieldset", { class: "list" }, el("legend", {}, title));
  const current = getAt(context.data, path);
  const list = Array.isArray(current) ? current : [];
  const { strings } = context;
  if (Array.isArray(items.enum) && schema.uniqueItems === true) {
    // A set of values: one box each.
    for (const value of items.enum) {
      const id = controlId([...path, String(value)]);
      const box = el("input", { type: "checkbox", id });
      box.checked = list.includes(value);
      box.addEventListener("change", () => {
        const now = getAt(context.data, path);
        const values = (Array.isArray(now) ? now : []).filter((v) => v !== value);
        if (box.checked) values.push(value);
        setAt(context.data, path, values.length > 0 || required ? values : undefined);
        context.changed(false);
      });
      context.controls.push({ path: dotPath(path), id });
      fieldset.append(
        el(
          "div",
          { class: "toggle" },
          box,
          el("label", { for: id }, enumLabel(items, value, context.locale)),
        ),
      );
    }
    return fieldset;
  }
  list.forEach((_, index) => {
    const itemPath = [...path, index];
    const itemTitle = strings.item(title, index + 1);
    const remove = el(
      "button",
      { type: "button", class: "remove", id: controlId(itemPath, "remove") },
      strings.remove(title, index + 1),
    );
    remove.addEventListener("click", () => {
      const now = getAt(context.data, path);
      if (!Array.isArray(now)) return;
      now.splice(index, 1);
      if (now.length === 0 && !required) setAt(context.data, path, undefined);
      // The focus stays in the list: on its add button.
      context.changed(true, { id: controlId(path, "add") });
    });
    const item = isObjectSchema(items)
      ? el("fieldset", { class: "item" }, el("legend", {}, itemTitle))
      : el("div", { class: "item" });
    if (isObjectSchema(items)) drawProperties(items, itemPath, item, context);
    else item.append(drawField(items, itemPath, itemTitle, true, context));
    item.append(remove);
    fieldset.append(item);
  });
  const addId = controlId(path, "add");
  const add = el("button", { type: "button", class: "add", id: addId }, strings.add(title));
  const max = typeof schema.maxItems === "number" ? schema.maxItems : Number.POSITIVE_INFINITY;
  if (list.length >= max) add.setAttribute("disabled", "");
  add.addEventListener("click", () => {
    const now = getAt(context.data, path);
    const next = Array.isArray(now) ? now : [];
    next.push(isObjectSchema(items) ? {} : "");
    setAt(context.data, path, next);
    // Keyboard users continue in the new item.
    context.changed(true, { under: dotPath([...path, next.length - 1]) });
  });
  context.controls.push({ path: dotPath(path), id: addId });
  fieldset.append(add);
  return fieldset;
}

/** One labelled control, with the place its problem is shown. */
function drawField(
  schema: Schema,
  path: Path,
  title: string,
  required: boolean,
  context: FormContext,
): HTMLElement {
  const id = controlId(path);
  const problemId = `${id}:problem`;
  const value = getAt(context.data, path);
  const control = makeControl(schema, path, value, context);
  control.id = id;
  control.setAttribute("aria-describedby", problemId);
  if (required) control.setAttribute("aria-required", "true");
  context.controls.push({ path: dotPath(path), id });
  const caption = el("label", { for: id }, title);
  if (required) caption.append(el("span", { class: "req" }, ` (${context.strings.required})`));
  return el(
    "div",
    { class: "field" },
    caption,
    control,
    el("p", { class: "problem", id: problemId, hidden: "" }),
  );
}

function makeControl(
  schema: Schema,
  path: Path,
  value: unknown,
  context: FormContext,
): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const { strings, locale } = context;
  const store = (next: unknown) => {
    setAt(context.data, path, next);
    context.changed(false);
  };
  const choices = context.choicesFor(pattern(path));
  if (Array.isArray(schema.enum) || schema.type === "boolean" || choices) {
    const options: Array<{ value: unknown; label: string }> = choices
      ? choices
      : schema.type === "boolean"
        ? [
            { value: true, label: strings.yes },
            { value: false, label: strings.no },
          ]
        : (schema.enum as unknown[]).map((v) => ({
            value: v,
            label: enumLabel(schema, v, locale),
          }));
    const select = el("select", {}, el("option", { value: "" }, strings.choose));
    options.forEach((option, i) => {
      const element = el("option", { value: String(i) }, option.label);
      if (option.value === value) element.selected = true;
      select.append(element);
    });
    if (value !== undefined && !options.some((o) => o.value === value)) {
      // A value from elsewhere (not one offered) is kept, and shown as it is.
      const element = el("option", { value: "kept" }, String(value));
      element.selected = true;
      select.append(element);
    }
    select.addEventListener("change", () => {
      if (select.value === "kept") return;
      store(select.value === "" ? undefined : options[Number(select.value)]?.value);
    });
    return select;
  }
  if (schema.type === "string" || schema.type === "number" || schema.type === "integer") {
    const numeric = schema.type !== "string";
    const input = el("input", {
      type: numeric ? "number" : schema.format === "date" ? "date" : "text",
    });
    if (typeof schema.maxLength === "number") input.maxLength = schema.maxLength;
    if (numeric && typeof schema.minimum === "number") input.min = String(schema.minimum);
    if (schema.type === "integer") input.step = "1";
    if (!numeric && schema.format !== "date") input.autocomplete = "off";
    input.value = value === undefined ? "" : String(value);
    input.addEventListener("input", () => {
      const raw = input.value;
      if (raw === "") store(undefined);
      else store(numeric ? Number(raw) : raw);
    });
    return input;
  }
  // A schema the form does not draw: edited as JSON, so that nothing is left out.
  const area = el("textarea", { rows: "3", spellcheck: "false" });
  area.value = value === undefined ? "" : JSON.stringify(value);
  area.addEventListener("input", () => {
    if (area.value.trim() === "") return store(undefined);
    try {
      store(JSON.parse(area.value));
      area.removeAttribute("aria-invalid");
    } catch {
      area.setAttribute("aria-invalid", "true");
    }
  });
  area.setAttribute("placeholder", strings.jsonHint);
  return area;
}

/** The path with list indexes as `*`: what a catalog's key is found by. */
function pattern(path: Path): string {
  return path.map((s) => (typeof s === "number" ? "*" : s)).join(".");
}

/**
 * A field's name: the schema's `title` (the rule files give it in Chinese); in another locale
 * the property's own name follows it, so that a reader of that locale can tell fields apart.
 */
function label(schema: Schema, key: string, locale: Locale): string {
  const title = typeof schema.title === "string" ? schema.title : undefined;
  if (title === undefined) return key;
  return locale === "zh-CN" ? title : `${title} (${key})`;
}

function enumLabel(schema: Schema, value: unknown, locale: Locale): string {
  const titles = schema["x-enumTitles"] as Record<string, LocalizedText | string> | undefined;
  const title = titles && typeof value === "string" ? titles[value] : undefined;
  if (title === undefined) return String(value);
  return typeof title === "string" ? title : localize(title, locale);
}

/** The id of the control that edits a path (`field:operator.name`). */
export function controlId(path: Path, role?: string): string {
  return `field:${dotPath(path)}${role ? `:${role}` : ""}`;
}

/**
 * The catalog entries offered for each key a `catalog-match` derived fact looks up in the
 * applicant's data: `{ "scope.*.code": [...] }`.
 */
export function catalogChoices(
  matter: MatterFile,
  catalogs: ReadonlyMap<string, { entries: ReadonlyArray<{ id: string; title: LocalizedText }> }>,
  locale: Locale,
): Map<string, Choice[]> {
  const found = new Map<string, Choice[]>();
  for (const spec of Object.values(matter.derived)) {
    const options = (spec.options ?? {}) as Record<string, unknown>;
    if (spec.function !== "catalog-match" || spec.input.fact !== "data") continue;
    if (typeof options.catalog !== "string" || typeof options.key !== "string") continue;
    const catalog = catalogs.get(options.catalog);
    if (catalog === undefined) continue;
    found.set(
      `${spec.input.path}.*.${options.key}`,
      catalog.entries.map((entry) => ({
        value: entry.id,
        label: localize(entry.title, locale),
      })),
    );
  }
  return found;
}
