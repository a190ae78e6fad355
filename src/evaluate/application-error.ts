/** One reason an application cannot be decided at all, located by JSON pointer. */
export interface ApplicationProblem {
  code:
    | "invalid-envelope"
    | "unknown-matter"
    | "no-version-in-force"
    | "applied-on-in-future"
    | "applied-on-too-old"
    | "accepted-before-applied";
  message: string;
  pointer: string;
}

/**
 * Thrown by `decide` when an application cannot be decided at all: the envelope is malformed,
 * the matter is unknown, no version was in force on `appliedOn`, or the application's dates are
 * not today's (see `applicationDateProblems`). It lists every problem.
 * (Problems inside `data` are not errors: they make the decision `incomplete`.)
 *
 * @example
 * try { await rules.decide(input); } catch (e) { if (e instanceof ApplicationError) e.problems; }
 */
export class ApplicationError extends Error {
  readonly problems: readonly ApplicationProblem[];

  constructor(problems: readonly ApplicationProblem[]) {
    super(problems.map((p) => `${p.pointer || "/"}: ${p.message}`).join("; "));
    this.name = "ApplicationError";
    this.problems = problems;
  }
}
