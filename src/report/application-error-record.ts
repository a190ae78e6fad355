import type { ApplicationProblem } from "../evaluate/application-error.js";

/**
 * What `evaluate --format json` prints for an application that cannot be decided at all (a
 * malformed envelope, an unknown matter, no version in force): every problem as data, never
 * `null`. The shape is that of `batch`'s error records, with the file in place of the line,
 * so that one reader serves both.
 */
export interface ApplicationErrorRecord {
  file: string;
  error: {
    code: "invalid-application";
    /** All the problems in one line, as the thrown ApplicationError's message. */
    message: string;
    problems: readonly ApplicationProblem[];
  };
}

/**
 * The JSON record of an application that cannot be decided.
 *
 * @example
 * applicationErrorRecord("bad.json", [{ code: "unknown-matter", pointer: "/matter", message: "unknown matter x.y" }]);
 * // { file: "bad.json", error: { code: "invalid-application", message: "/matter: unknown matter x.y", problems: [ … ] } }
 */
export function applicationErrorRecord(
  file: string,
  problems: readonly ApplicationProblem[],
): ApplicationErrorRecord {
  return {
    file,
    error: {
      code: "invalid-application",
      message: problems.map((p) => `${p.pointer || "/"}: ${p.message}`).join("; "),
      problems: problems.map(({ code, pointer, message }) => ({ code, pointer, message })),
    },
  };
}
