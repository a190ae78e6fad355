import { createHash, timingSafeEqual } from "node:crypto";

/** How an admin request's credentials compare with the configured token. */
export type AdminAuth = "disabled" | "missing" | "wrong" | "ok";

/**
 * Checks `Authorization: Bearer <token>` against the admin token. Both sides are hashed first,
 * so `timingSafeEqual` compares equal lengths and the time taken tells nothing about the token,
 * not even its length. No token configured: admin endpoints are disabled.
 */
export function checkAdmin(header: string | undefined, token: string | undefined): AdminAuth {
  if (token === undefined || token === "") return "disabled";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (match === null) return "missing";
  const given = createHash("sha256")
    .update(match[1] as string)
    .digest();
  const expected = createHash("sha256").update(token).digest();
  return timingSafeEqual(given, expected) ? "ok" : "wrong";
}

/**
 * Checks a decision token (`SMART_APPROVAL_TOKENS`, comma-separated) given as
 * `Authorization: Bearer <token>` or `X-Access-Token: <token>` (GoRules' header). Every
 * configured token is compared, in constant time each, so the time taken does not say which
 * one matched. No tokens configured: decisions need none.
 */
export function checkDecisionToken(
  headers: { authorization?: string | undefined; "x-access-token"?: string | string[] | undefined },
  tokens: readonly string[],
): AdminAuth {
  if (tokens.length === 0) return "disabled";
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "")?.[1];
  const header = headers["x-access-token"];
  const given = bearer ?? (typeof header === "string" ? header.trim() : undefined);
  if (given === undefined || given === "") return "missing";
  const digest = createHash("sha256").update(given).digest();
  let ok = false;
  for (const token of tokens) {
    if (timingSafeEqual(digest, createHash("sha256").update(token).digest())) ok = true;
  }
  return ok ? "ok" : "wrong";
}

/** The decision tokens of `SMART_APPROVAL_TOKENS`: comma-separated, blanks ignored. */
export function decisionTokens(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
}
