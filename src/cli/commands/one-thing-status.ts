import { chinaToday } from "../../evaluate/application-date.js";
import type { Guide } from "../../guide/guide.js";
import type { Locale } from "../../model/common.js";
import type { MatterFile } from "../../model/matter.js";
import { CombinedDecisionSchema } from "../../model/one-thing.js";
import { bundledCalendar } from "../../node/bundled-calendar.js";
import { formatOneThingStatusText } from "../../one-thing/combined-text.js";
import { oneThingsOf } from "../../one-thing/decide-one-thing.js";
import { buildOneThingGuide } from "../../one-thing/guide.js";
import { type DepartmentAnswer, oneThingStatus } from "../../one-thing/status.js";
import type { RuleSet } from "../../rule-set/rule-set.js";
import { isPlainDate } from "../../validators/plain-date.js";
import { type CliIo, EXIT, oneOf, UsageError } from "../io.js";
import { readJsonFile } from "../read-json.js";

/**
 * `one-thing-status <combined-decision.json> [answers.json] [--date YYYY-MM-DD]
 * [--warn-days N] [--format text|json]`: the joint status of a 一件事 from the departments'
 * answers (a list of `{ member, answer: approved|refused, on }`) and the date, with the
 * traffic light, on the bundled working-day calendar. Exit 2 when the decision or the answers
 * are not what they must be.
 */
export function oneThingStatusCommand(
  args: string[],
  options: Record<string, string | undefined>,
  io: CliIo,
): number {
  const format = oneOf("format", options.format, ["text", "json"], "text");
  if (args.length < 1 || args.length > 2) {
    throw new UsageError("one-thing-status needs a combined decision and, optionally, answers");
  }
  const today = options.date ?? chinaToday(new Date());
  if (!isPlainDate(today)) throw new UsageError(`--date is not a date (YYYY-MM-DD): ${today}`);
  const warn = options["warn-days"] === undefined ? 1 : Number(options["warn-days"]);
  if (!Number.isInteger(warn) || warn < 0) {
    throw new UsageError(`--warn-days must be a whole number of working days`);
  }
  const parsed = CombinedDecisionSchema.safeParse(readJsonFile(args[0] as string, io.cwd));
  if (!parsed.success) {
    io.stderr(`${args[0]}: not a combined decision: ${parsed.error.issues[0]?.message}\n`);
    return EXIT.checksFailed;
  }
  const answers = args[1] === undefined ? [] : readJsonFile(args[1], io.cwd);
  if (!Array.isArray(answers) || !answers.every(isAnswer)) {
    io.stderr(`${args[1]}: expected a list of { member, answer: approved|refused, on }\n`);
    return EXIT.checksFailed;
  }
  let status: ReturnType<typeof oneThingStatus>;
  try {
    status = oneThingStatus(parsed.data, answers, today, {
      calendar: bundledCalendar(),
      warnWorkingDays: warn,
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    io.stderr(`${error.message}\n`);
    return EXIT.checksFailed;
  }
  io.stdout(
    format === "json"
      ? `${JSON.stringify({ date: today, ...status }, null, 2)}\n`
      : formatOneThingStatusText(status),
  );
  return EXIT.ok;
}

function isAnswer(value: unknown): value is DepartmentAnswer {
  if (typeof value !== "object" || value === null) return false;
  const { member, answer, on } = value as Record<string, unknown>;
  return (
    typeof member === "string" &&
    (answer === "approved" || answer === "refused") &&
    typeof on === "string" &&
    isPlainDate(on)
  );
}

/**
 * The guide of a 一件事 in force on `date` (its newest version when no date is given), or
 * undefined when `id` names no 一件事 (it may name a matter). Throws `UsageError` when no
 * version is in force on the date.
 */
export function oneThingGuide(
  rules: RuleSet,
  id: string,
  date: string | undefined,
  locale: Locale,
): Guide | undefined {
  const registry = oneThingsOf(rules);
  if (!registry.has(id)) return undefined;
  const on = date ?? (registry.versions(id).at(-1)?.file.effective.from as string);
  const version = registry.versionInForce(id, on);
  if (version === undefined) throw new UsageError(`no version of ${id} is in force on ${on}`);
  const members = new Map<string, MatterFile>();
  for (const m of version.file.members) {
    const file = m.decidedBy === "rules" ? rules.versionInForce(m.matter, on)?.file : undefined;
    if (file) members.set(m.key, file);
  }
  const laws = new Map(rules.catalogs.get("laws")?.entries.map((e) => [e.id, e.title]) ?? []);
  return buildOneThingGuide(version.file, members, { sha256: version.sha256, laws, locale });
}
