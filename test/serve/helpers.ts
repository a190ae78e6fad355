import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadServedRules, type ServedRules } from "../../src/serve/rules-state.js";
import { createService, type Service, type ServiceOptions } from "../../src/serve/server.js";
import { ROOT } from "../helpers.js";

/** The clock every test service decides with, so that decisions compare with decide's. */
export const EPOCH = new Date(0);

let bundled: Promise<ServedRules> | undefined;

/** The bundled rules as the service loads them, once per test file. */
export function servedBundledRules(): Promise<ServedRules> {
  bundled ??= loadServedRules(undefined);
  return bundled;
}

/** A service listening on a free port of 127.0.0.1 (a real socket), and its base URL. */
export async function startService(
  options: Partial<ServiceOptions> & { initial?: ServedRules } = {},
): Promise<{ service: Service; url: string }> {
  const initial = options.initial ?? (await servedBundledRules());
  const service = await createService(initial, {
    load: () => loadServedRules(undefined),
    clock: () => EPOCH,
    // The fixtures are archived applications of 2025: an archive-replay instance.
    replay: true,
    ...options,
  });
  const url = await service.app.listen({ host: "127.0.0.1", port: 0 });
  return { service, url };
}

/** Every fixture file under fixtures/, with its application. */
export function fixtureApplications(): Array<{ file: string; application: unknown }> {
  const files = (dir: string): string[] =>
    readdirSync(dir)
      .map((name) => join(dir, name))
      .flatMap((path) =>
        statSync(path).isDirectory() ? files(path) : path.endsWith(".json") ? [path] : [],
      )
      .sort();
  return files(join(ROOT, "fixtures")).map((file) => ({
    file: file.slice(ROOT.length),
    application: JSON.parse(readFileSync(file, "utf8")).application,
  }));
}

/** POSTs JSON (or a raw body with its content type) and gives status, headers and text. */
export async function post(
  url: string,
  body: unknown,
  init: { contentType?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": init.contentType ?? "application/json", ...init.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A response body that gives away an internal: a stack frame or a source path. */
export function leaksInternals(text: string): boolean {
  return /\n\s+at |node_modules|\.ts:\d+|\/src\//.test(text);
}
