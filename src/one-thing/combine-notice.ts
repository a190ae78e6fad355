import { cite } from "../evaluate/citations.js";
import { localize, MESSAGES } from "../evaluate/messages.js";
import type { Locale, LocalizedText } from "../model/common.js";
import type { DecisionCitation, MissingItem } from "../model/decision.js";
import type { CombinedMissingItem, CombinedReferral, OneThingFile } from "../model/one-thing.js";
import { formPaths } from "./map-application.js";

/** One member's notice items, as its own decision lists them. */
export interface MemberNotice {
  key: string;
  matter: string;
  items: readonly MissingItem[];
}

/**
 * The one notice of a combined application (一次告知): every member's missing items, each
 * asked once — a field by the form path that fills it, a correction by the form field it
 * corrects (the members' messages joined), a material by its id in the one set (a shared
 * material once for all the members it serves). A field the form does not collect cannot be
 * asked through the form: that member is referred instead (the 一件事 file is incomplete).
 *
 * @example
 * combineNotice(file, [{ key: "registration", matter, items }], laws, "zh-CN").missing;
 */
export function combineNotice(
  file: OneThingFile,
  notices: readonly MemberNotice[],
  laws: ReadonlyMap<string, LocalizedText>,
  locale: Locale,
): { missing: CombinedMissingItem[]; referrals: CombinedReferral[] } {
  const byKey = new Map<string, CombinedMissingItem>();
  const referrals: CombinedReferral[] = [];
  const add = (key: string, item: CombinedMissingItem): void => {
    const earlier = byKey.get(key);
    byKey.set(key, earlier ? merge(earlier, item, locale) : item);
  };
  for (const { key: member, matter, items } of notices) {
    for (const item of items) {
      if (item.kind === "material") {
        const shared = file.materials.find((m) =>
          m.serves.some((s) => s.member === member && s.material === item.id),
        );
        const id = shared?.id ?? item.id;
        add(`material\u0000${id}`, {
          ...item,
          id,
          ...(shared && {
            message: localize(
              MESSAGES.materialMissing({ title: localize(shared.title, locale) }),
              locale,
            ),
            basis: cite(shared.basis, laws, locale),
          }),
          members: [member],
        });
        continue;
      }
      const path = item.field ?? (item.kind === "field" ? item.id : undefined);
      const paths = path === undefined ? [] : formPaths(file, member, path);
      if (paths.length === 0) {
        referrals.push({
          member,
          matter,
          code: "one-thing-unmapped-field",
          message: localize(UNMAPPED({ path: path ?? item.id, text: item.message }), locale),
          basis: item.basis,
        });
        continue;
      }
      for (const form of paths) {
        add(`field\u0000${form}`, {
          kind: item.kind,
          id: form,
          field: form,
          message: item.message,
          basis: item.basis,
          ...(item.conditional && { conditional: true as const }),
          members: [member],
          ...(item.kind === "correction" && { standards: [`${member}:${item.id}`] }),
        });
      }
    }
  }
  const items = [...byKey.values()];
  // A field asked for as a whole covers the questions about its parts.
  const wholes = items.filter((i) => i.kind === "field" && i.conditional !== true);
  const missing = items.filter(
    (i) => i.kind === "material" || !wholes.some((w) => w !== i && isInside(i.id, w.id)),
  );
  for (const part of items) {
    if (missing.includes(part)) continue;
    const whole = wholes.find((w) => w !== part && isInside(part.id, w.id)) as CombinedMissingItem;
    whole.members = union(whole.members, part.members);
  }
  return { missing, referrals };
}

/** Two members asking the same thing: one item naming both, every distinct message kept. */
function merge(
  a: CombinedMissingItem,
  b: CombinedMissingItem,
  locale: Locale,
): CombinedMissingItem {
  const messages = union(a.message.split(SEP[locale]), b.message.split(SEP[locale]));
  const conditional = a.conditional === true && b.conditional === true;
  const standards = union(a.standards ?? [], b.standards ?? []);
  return {
    kind: a.kind === "field" || b.kind === "field" ? "field" : a.kind,
    id: a.id,
    ...(a.field !== undefined && { field: a.field }),
    // A field asked for by two members is one question (the first member's wording); each
    // distinct correction is kept, so that nothing must be asked again after the first is fixed.
    message:
      a.kind === "material" || (a.kind === "field" && b.kind === "field")
        ? a.message
        : messages.join(SEP[locale]),
    basis: unionBasis(a.basis, b.basis),
    ...(conditional && { conditional: true as const }),
    members: union(a.members, b.members),
    ...(standards.length > 0 && { standards }),
  };
}

const SEP: Record<Locale, string> = { "zh-CN": "；", en: "; " };

function isInside(path: string, whole: string): boolean {
  return path.startsWith(`${whole}.`);
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function unionBasis(a: DecisionCitation[], b: DecisionCitation[]): DecisionCitation[] {
  const seen = new Set(a.map((c) => `${c.ref}\u0000${c.articles.join(",")}`));
  return [...a, ...b.filter((c) => !seen.has(`${c.ref}\u0000${c.articles.join(",")}`))];
}

const UNMAPPED = ({ path, text }: { path: string; text: string }) => ({
  "zh-CN": `一件事申请表未采集成员事项所需的“${path}”（${text}），需人工处理`,
  en: `The combined form does not collect "${path}", which the member needs (${text}); a person must handle it`,
});
