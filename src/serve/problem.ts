import { z } from "zod";
import type { ApplicationProblem } from "../index.js";

/** The media type of every error response (RFC 9457). */
export const PROBLEM_TYPE = "application/problem+json";

/** One located reason a request could not be served: an application problem, or the request's. */
export const ProblemItemSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  pointer: z.string().meta({ description: "JSON pointer into the request body ('' = the whole)" }),
});

/**
 * An RFC 9457 problem document. `problems` lists every reason (all of them, not the first);
 * no response carries a stack trace or an internal message.
 */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: "URI naming the kind of problem" }),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    problems: z.array(ProblemItemSchema).optional(),
  })
  .meta({ title: "Problem (RFC 9457)" });
export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<string, string> = {
  "invalid-application": "The application cannot be decided",
  "invalid-request": "The request is malformed",
  "not-found": "Not found",
  "unsupported-media-type": "Unsupported media type",
  "payload-too-large": "Payload too large",
  "too-many-requests": "Too many requests in progress",
  "request-timeout": "Request timeout",
  unauthorized: "Authorization required",
  forbidden: "Forbidden",
  "rules-refused": "The new rules were refused; the old ones keep serving",
  "reload-failed": "The reload failed; the old rules keep serving",
  "method-not-allowed": "Method not allowed",
  "internal-error": "Internal error",
  "shutting-down": "The service is shutting down",
};

/**
 * A problem document of one of the kinds above.
 *
 * @example
 * problem("not-found", 404, 'unknown matter "x"');
 */
export function problem(
  kind: keyof typeof TITLES | string,
  status: number,
  detail?: string,
  problems?: ReadonlyArray<z.infer<typeof ProblemItemSchema>>,
): Problem {
  return {
    type: `urn:smart-approval:problem:${kind}`,
    title: TITLES[kind] ?? kind,
    status,
    ...(detail !== undefined && { detail }),
    ...(problems !== undefined && { problems: [...problems] }),
  };
}

/** The problem document of an application `decide` refused (ApplicationError), status 422. */
export function applicationProblem(problems: readonly ApplicationProblem[]): Problem {
  return problem(
    "invalid-application",
    422,
    `${problems.length} problem(s) prevent a decision; nothing was decided`,
    problems.map(({ code, message, pointer }) => ({ code, message, pointer })),
  );
}
