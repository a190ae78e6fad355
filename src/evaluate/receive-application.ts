import type { Application } from "../model/application.js";
import { readApplication } from "../model/application-read.js";
import { ApplicationError, type ApplicationProblem } from "./application-error.js";
import { inputProblems } from "./input-limits.js";
import { safeCanonicalJson } from "./safe-canonical-json.js";

/**
 * An application as received, in the one form it travels in to its decision: the envelope,
 * typed and read from a copy (never again from the caller's value), and the canonical JSON
 * text (RFC 8785) of exactly what was received — what the decision record's `inputSha256` is
 * the hash of.
 */
export interface ReceivedApplication {
  readonly application: Application;
  readonly text: string;
}

/**
 * Receives an application: checks its bounds (INPUT_LIMITS), makes its canonical text in the
 * same pass, copies it from that text, and reads the envelope — by hand for the usual shape,
 * through `explain` for anything else (the rule set explains with the zod schema, which says
 * what is wrong field by field; the browser entry, which loads no zod, says what an envelope
 * is). `explain` may answer with a promise (the rule set loads zod only when an envelope needs
 * explaining), and then so does this. Throws `ApplicationError` listing every problem when it
 * cannot be received: a bound passed, a value JSON cannot hold, a getter that throws, a
 * malformed envelope.
 *
 * @example
 * const { application, text } = receiveApplication(JSON.parse(body), explainEnvelope);
 */
export function receiveApplication(
  raw: unknown,
  explain: ExplainEnvelope,
): ReceivedApplication | Promise<ReceivedApplication> {
  const { text, input } = receiveJson(raw);
  // The usual envelope is read by hand; anything unusual goes to the schema, which explains.
  const application = readApplication(input);
  if (application !== undefined) return { application, text };
  const explained = explain(input);
  return explained instanceof Promise
    ? explained.then((answer) => explainedApplication(answer, text))
    : explainedApplication(explained, text);
}

/**
 * An input checked against its bounds (INPUT_LIMITS) and made into its canonical text in one
 * pass, and the copy made from that text that is decided on. The copy is never read again
 * from the caller's value: a getter that throws or answers otherwise on a later read, or a
 * proxy, cannot change what is decided after it was checked, and the record's inputSha256 is
 * the hash of exactly what was decided (the copy costs about a tenth of a decision). Throws
 * `ApplicationError` with every problem: a bound passed, a value JSON cannot hold. Shared by
 * `receiveApplication` and the 一件事's front door (decideOneThing).
 *
 * @example
 * const { text, input } = receiveJson(JSON.parse(body));
 */
export function receiveJson(raw: unknown): { text: string; input: unknown } {
  // Only an input that fails goes through the walk that says why.
  const text = safeCanonicalJson(raw);
  if (text === undefined) {
    const unsafe = inputProblems(raw);
    throw new ApplicationError(
      unsafe.length > 0
        ? unsafe
        : [
            {
              code: "invalid-envelope",
              message: "the application changed while it was read",
              pointer: "",
            },
          ],
    );
  }
  return { text, input: JSON.parse(text) };
}

/** Explains an envelope the fast read did not take: the application, or every problem. */
export type ExplainEnvelope = (
  input: unknown,
) => Application | ApplicationProblem[] | Promise<Application | ApplicationProblem[]>;

function explainedApplication(
  explained: Application | ApplicationProblem[],
  text: string,
): ReceivedApplication {
  if (Array.isArray(explained)) throw new ApplicationError(explained);
  return { application: explained, text };
}
