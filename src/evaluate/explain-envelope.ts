import { toPointer } from "../json/json-pointer.js";
import { type Application, ApplicationSchema } from "../model/application.js";
import type { ApplicationProblem } from "./application-error.js";

/**
 * An envelope the fast read did not take, read by the application schema: the application, or
 * every problem the schema finds, each at its JSON pointer (see receiveApplication).
 *
 * @example
 * explainEnvelope({ matter: "m" }); // [{ code: "invalid-envelope", pointer: "/appliedOn", … }, …]
 */
export function explainEnvelope(input: unknown): Application | ApplicationProblem[] {
  const parsed = ApplicationSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  return parsed.error.issues.map((issue) => ({
    code: "invalid-envelope",
    message: issue.message,
    pointer: toPointer(issue.path.map(String)),
  }));
}
