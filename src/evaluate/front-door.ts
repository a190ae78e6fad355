import type { WorkingCalendar } from "../calendar/working-calendar.js";
import type { Sha256 } from "../json/canonical-json.js";
import type { Decision } from "../model/decision.js";
import type { MatterFile } from "../model/matter.js";
import { applicationDateProblems } from "./application-date.js";
import { ApplicationError } from "./application-error.js";
import type { CompiledMatter } from "./compile-matter.js";
import { type DecideOptions, decideMatter, decideOptions } from "./decide.js";
import { provideEvidence } from "./evidence-provider.js";
import { type ExplainEnvelope, receiveApplication } from "./receive-application.js";

/** What a registry of matters (the rule set, the browser's rules) gives its front door. */
export interface FrontDoor {
  /** Explains an envelope the fast read did not take (see receiveApplication). */
  explain: ExplainEnvelope;
  /** The versions loaded of each matter, oldest first (for the messages). */
  versions: ReadonlyMap<string, readonly { readonly file: MatterFile }[]>;
  /**
   * The compiled version of a matter in force on a date; a promise while it is compiled for
   * the first time with a compiler that must first be loaded (see RuleSet).
   */
  inForce: (
    matter: string,
    date: string,
  ) => CompiledMatter | Promise<CompiledMatter | undefined> | undefined;
  calendar: WorkingCalendar | undefined;
  sha256: Sha256 | undefined;
}

/**
 * One decision, one way: the options read once, the application received, its dates bounded,
 * the version in force found, evidence fetched, the matter decided. The one front door of
 * `RuleSet.decide` and `BrowserRules.decide`; see RuleSet.decide for what is thrown.
 *
 * @example
 * const decision = await decideThrough(door, application, { locale: "en" });
 */
export async function decideThrough(
  door: FrontDoor,
  raw: unknown,
  given?: DecideOptions | null,
): Promise<Decision> {
  // Options are read once and checked: a mistake in them is a RangeError naming the option.
  const options = decideOptions(given);
  const receiving = receiveApplication(raw, door.explain);
  const received = receiving instanceof Promise ? await receiving : receiving;
  const { application } = received;
  // The applicant must not choose the law by choosing the date (see application-date.ts).
  const dateProblems = applicationDateProblems(application, options);
  if (dateProblems.length > 0) throw new ApplicationError(dateProblems);
  const versions = door.versions.get(application.matter);
  if (versions === undefined) {
    const known = [...door.versions.keys()].join(", ") || "none";
    throw new ApplicationError([
      {
        code: "unknown-matter",
        message: `unknown matter "${application.matter}"; loaded: ${known}`,
        pointer: "/matter",
      },
    ]);
  }
  const found = door.inForce(application.matter, application.appliedOn);
  const matter = found instanceof Promise ? await found : found;
  if (matter === undefined) {
    const windows = versions
      .map(
        ({ file }) =>
          `${file.version} (${file.effective.from} … ${file.effective.until ?? "open-ended"})`,
      )
      .join(", ");
    throw new ApplicationError([
      {
        code: "no-version-in-force",
        message: `no version of ${application.matter} is in force on ${application.appliedOn}; versions: ${windows}`,
        pointer: "/appliedOn",
      },
    ]);
  }
  // Evidence fetched while deciding (only when the caller gives a provider).
  const provided = options.evidence
    ? await provideEvidence(matter, received, options, options.locale ?? "zh-CN")
    : undefined;
  // Awaited: resolving with the promise itself would cost two more microtask turns.
  return await decideMatter(matter, provided?.received ?? received, options, {
    calendar: door.calendar,
    sha256: door.sha256,
    referrals: provided?.referrals,
  });
}
