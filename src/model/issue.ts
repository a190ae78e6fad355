import { z } from "zod";

/**
 * A problem found in a rule, catalog, fixture or application file. Problems are data, never
 * exceptions: a validator returns all of them, each located by JSON pointer and line:column.
 */
export const IssueSchema = z.strictObject({
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  file: z.string(),
  pointer: z.string(),
  line: z.int(),
  column: z.int(),
});
export type Issue = z.infer<typeof IssueSchema>;
