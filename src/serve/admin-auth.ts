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
