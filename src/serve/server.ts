import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { buildGuide, formatGuideHtml, formatGuideMarkdown } from "../entries/authoring.js";
import { chinaToday } from "../evaluate/application-date.js";
import type { DecideOptions } from "../evaluate/decide.js";
import { ApplicationError, type Decision, type Locale, RuleFileError } from "../index.js";
import type { CombinedDecision } from "../model/one-thing.js";
import { nodeSha256 } from "../node/rule-files.js";
import { decideOneThing } from "../one-thing/decide-one-thing.js";
import { isPlainDate } from "../validators/plain-date.js";
import { VERSION } from "../version.js";
import { checkAdmin, checkDecisionToken } from "./admin-auth.js";
import type { DecisionEvent } from "./decision-log.js";
import { ServiceMetrics } from "./metrics.js";
import { matterApplicationSchema, openApiDocument } from "./openapi.js";
import { applicationProblem, PROBLEM_TYPE, type Problem, problem } from "./problem.js";
import { RulesHolder, type ServedRules } from "./rules-state.js";

/** Headers every response carries (the OpenFisca pattern: which library, which rules). */
export const VERSION_HEADER = "smart-approval-version";
export const RULES_HEADER = "smart-approval-rules-sha256";
export const DECISION_ID_HEADER = "decision-id";

/** Limits from SECURITY.md; see docs/service.md. */
export const SERVICE_LIMITS = {
  /** Bytes of one application (SECURITY.md: limit bodies before JSON.parse, e.g. to 1 MB). */
  bodyLimit: 1_048_576,
  /** Bytes of a batch request. */
  batchBodyLimit: 16_777_216,
  /** Applications in one batch. */
  batchItems: 1_000,
  /** Requests being served at once before new ones get 429. */
  maxInFlight: 256,
  /** Milliseconds to receive a whole request. */
  requestTimeoutMs: 10_000,
  /** Seconds a client is told to wait after a 429. */
  retryAfterSeconds: 1,
} as const;

export interface ServiceOptions {
  /** Loads the rules again (reload); the rules served so far keep serving if it throws. */
  load: () => Promise<ServedRules>;
  /** Bearer token of the admin endpoints; disabled when undefined or empty. */
  adminToken?: string | undefined;
  /**
   * Tokens a caller must present to decide (`SMART_APPROVAL_TOKENS`); none: decisions are open.
   */
  decisionTokens?: readonly string[] | undefined;
  /** Receives each decision (the decision log). */
  onDecision?: ((event: DecisionEvent) => void) | undefined;
  /**
   * Called by POST /v1/admin/reload instead of reloading this process only (with workers, the
   * primary makes every worker reload); resolves with this process's reload.
   */
  reloadAll?: (() => Promise<unknown>) | undefined;
  /** The clock decisions record as decidedAt (tests fix it to compare with decide). */
  clock?: () => Date;
  /**
   * Decide each application on the date it states (`serve --replay`): an instance that replays
   * archived applications, never one that takes new ones — without it, an `appliedOn` after
   * today or older than the back-dating window is refused, as by `decide`.
   */
  replay?: boolean;
  limits?: Partial<Record<keyof typeof SERVICE_LIMITS, number>>;
  /** The /metrics text when it is not this process's alone (with workers: all of them). */
  metricsText?: (() => Promise<string>) | undefined;
  /** Labels added to every metric (e.g. the worker). */
  metricLabels?: Record<string, string>;
}

export interface Service {
  app: FastifyInstance;
  holder: RulesHolder;
  metrics: ServiceMetrics;
  /** Reloads this process's rules, counting and reporting the result. */
  reload(): Promise<{ previousSha256: string; rulesSha256: string }>;
  /** Serves rules loaded and checked elsewhere (with workers: the primary's commit), counted. */
  install(next: ServedRules): Promise<{ previousSha256: string; rulesSha256: string }>;
  /** Counts a reload refused elsewhere (with workers: another worker could not load). */
  refused(): void;
}

type DecideResult = { decision: Decision; text: string } | { problem: Problem };

/**
 * The decision service: a Fastify instance over the rules in `initial`, reloadable through
 * `options.load`. Built only on the library's public API. Not listening yet: call
 * `service.app.listen()`.
 */
export async function createService(
  initial: ServedRules,
  options: ServiceOptions,
): Promise<Service> {
  const limits = { ...SERVICE_LIMITS, ...options.limits };
  const clock = options.clock ?? (() => new Date());
  const holder = new RulesHolder(initial, options.load);
  const metrics = new ServiceMetrics(options.metricLabels);
  metrics.setRules(initial.sha256);
  let openApi: { sha256: string; day: string; text: string } | undefined;
  let inFlight = 0;
  let closing = false;

  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyLimit,
    // A request must arrive whole within requestTimeoutMs (Node answers 408 and closes); Node
    // checks every 30 s by default, which would let a slow sender hold a socket that long.
    serverFactory: (handler) =>
      createServer(
        {
          requestTimeout: limits.requestTimeoutMs,
          headersTimeout: limits.requestTimeoutMs,
          connectionsCheckingInterval: Math.min(1_000, limits.requestTimeoutMs),
        },
        handler,
      ),
    // No request may hang a connection forever; a client idles out after 72 s (the LB's is shorter).
    connectionTimeout: limits.requestTimeoutMs * 2,
    return503OnClosing: true,
    forceCloseConnections: "idle",
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
  });

  app.addContentTypeParser(
    ["application/x-ndjson", "application/ndjson", "application/jsonl"],
    { parseAs: "string", bodyLimit: limits.batchBodyLimit },
    (_request, body, done) => done(null, { ndjson: body as string }),
  );

  // Every response says which library and which rules answered; a decision's rules are the
  // ones it was decided on (set by the handler), not whatever is loaded when it is sent.
  // (Hooks here take a callback rather than returning a promise: Fastify then skips a promise
  // and its microtask per hook per request, measurable on every decision — docs/service.md.)
  app.addHook("onSend", (_request, reply, payload, done) => {
    reply.header(VERSION_HEADER, VERSION);
    if (!reply.hasHeader(RULES_HEADER)) reply.header(RULES_HEADER, holder.current.sha256);
    done(null, payload);
  });

  // Bounded concurrency: decisions beyond the limit are turned away at once, not queued.
  // (A callback hook that answers sends the reply and does not call done.)
  const release = () => {
    inFlight--;
  };
  app.addHook("onRequest", (request, reply, done) => {
    if (!request.url.startsWith("/v1/decisions")) return done();
    const token = checkDecisionToken(request.headers, options.decisionTokens ?? []);
    if (token === "missing") {
      reply.header("www-authenticate", 'Bearer realm="smart-approval"');
      sendProblem(reply, problem("unauthorized", 401, "a decision token is required"));
      return;
    }
    if (token === "wrong") {
      sendProblem(reply, problem("forbidden", 403, "unknown token"));
      return;
    }
    if (closing) {
      sendProblem(reply, problem("shutting-down", 503, "the service is shutting down"));
      return;
    }
    if (inFlight >= limits.maxInFlight) {
      metrics.rejected.inc();
      reply.header("retry-after", String(limits.retryAfterSeconds));
      sendProblem(
        reply,
        problem("too-many-requests", 429, `more than ${limits.maxInFlight} requests in progress`),
      );
      return;
    }
    inFlight++;
    // "close" comes once whether the response was sent or the client went away mid-request
    // (onResponse does not run then, and the slot would be lost for good).
    reply.raw.once("close", release);
    done();
  });
  app.addHook("onClose", async () => {
    closing = true;
  });

  app.setErrorHandler((error, _request, reply) => sendProblem(reply, errorProblem(error)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problem("not-found", 404, `no route ${request.method} ${request.url.split("?")[0]}`),
    ),
  );

  /**
   * One decision with the service's clock, locale and replay setting, timed and counted by
   * `id` (the matter, or the 一件事); an application that cannot be decided is its problem.
   */
  async function decideWith<D extends Decision | CombinedDecision>(
    decide: (given: DecideOptions) => Promise<D>,
    id: (decision: D) => string,
    locale: Locale,
  ): Promise<{ decision: D; text: string } | { problem: Problem }> {
    const started = process.hrtime.bigint();
    let decision: D;
    try {
      decision = await decide({
        now: clock(),
        locale,
        ...(options.replay === true && { replay: true }),
      });
    } catch (error) {
      if (error instanceof ApplicationError) {
        metrics.refused.inc();
        return { problem: applicationProblem(error.problems) };
      }
      throw error;
    }
    metrics.latency.observe(Number(process.hrtime.bigint() - started) / 1e9);
    metrics.countDecision(id(decision), decision.outcome);
    return { decision, text: JSON.stringify(decision) };
  }

  const decideOne = (served: ServedRules, input: unknown, locale: Locale): Promise<DecideResult> =>
    decideWith(
      (given) => served.rules.decide(input, given),
      (d) => d.matter.id,
      locale,
    );

  /** A combined application (一件事), decided by its members' rules together. */
  const decideCombined = (served: ServedRules, input: unknown, locale: Locale) =>
    decideWith(
      (given) => decideOneThing(served.rules, input, { ...given, sha256: nodeSha256 }),
      (d) => d.oneThing.id,
      locale,
    );

  /** Gives the decision its log entry (when there is a log) and the entry's id. */
  function logDecision(
    served: ServedRules,
    decision: Decision | CombinedDecision,
    input: unknown,
  ): string {
    const id = randomUUID();
    // Without a log nothing is built, nor sent to another process.
    if (options.onDecision === undefined) return id;
    // A combined decision is logged as the 一件事's (its file, version and hash).
    const what =
      "oneThing" in decision
        ? { kind: "one-thing" as const, ...decision.oneThing }
        : { ...decision.matter };
    options.onDecision({
      id,
      time: new Date().toISOString(),
      ...("kind" in what && { kind: what.kind }),
      matter: what.id,
      version: what.version,
      matterSha256: what.sha256,
      rulesSha256: served.sha256,
      outcome: decision.outcome,
      codes: [
        ...decision.referrals.map((r) => r.code),
        ...decision.missing.map((m) => `missing:${m.id}`),
      ],
      inputSha256: decision.record.inputSha256,
      input,
    });
    return id;
  }

  /** One application in, its decision out: POST /v1/decisions and /v1/decisions/one-thing. */
  const decisionRoute =
    (
      decide: (
        served: ServedRules,
        input: unknown,
        locale: Locale,
      ) => Promise<{ decision: Decision | CombinedDecision; text: string } | { problem: Problem }>,
      what: string,
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const served = holder.current;
      const locale = localeOf(request);
      if (locale === undefined) return sendProblem(reply, badLocale());
      if (isNdjson(request.body)) {
        return sendProblem(
          reply,
          problem("unsupported-media-type", 415, `one ${what} is sent as application/json`),
        );
      }
      const result = await decide(served, request.body, locale);
      reply.header(RULES_HEADER, served.sha256);
      if ("problem" in result) return sendProblem(reply, result.problem);
      reply.header(DECISION_ID_HEADER, logDecision(served, result.decision, request.body));
      return reply.type("application/json; charset=utf-8").send(result.text);
    };

  app.post("/v1/decisions", decisionRoute(decideOne, "application"));
  // A combined application (一件事): one application for several matters, one decision.
  app.post("/v1/decisions/one-thing", decisionRoute(decideCombined, "combined application"));

  app.post("/v1/decisions/batch", { bodyLimit: limits.batchBodyLimit }, async (request, reply) => {
    const served = holder.current;
    const locale = localeOf(request);
    if (locale === undefined) return sendProblem(reply, badLocale());
    const items = batchItems(request.body);
    if ("problem" in items) return sendProblem(reply, items.problem);
    if (items.length > limits.batchItems) {
      return sendProblem(
        reply,
        problem("payload-too-large", 413, `at most ${limits.batchItems} applications a batch`),
      );
    }
    const parts: string[] = [];
    for (const [index, item] of items.entries()) {
      // A long batch lets other requests in now and then rather than holding the process.
      if (index % 64 === 63) await new Promise((resolve) => setImmediate(resolve));
      const result =
        "unparsable" in item
          ? { problem: problem("invalid-request", 400, item.unparsable) }
          : await decideOne(served, item.value, locale).catch(() => ({
              // One item's failure is that item's problem, not the batch's.
              problem: problem("internal-error", 500, "the service failed; nothing was decided"),
            }));
      if ("problem" in result) {
        parts.push(`{"index":${index},"problem":${JSON.stringify(result.problem)}}`);
      } else {
        if (!("unparsable" in item)) logDecision(served, result.decision, item.value);
        parts.push(`{"index":${index},"decision":${result.text}}`);
      }
    }
    reply.header(RULES_HEADER, served.sha256);
    return reply.type("application/json; charset=utf-8").send(`{"results":[${parts.join(",")}]}`);
  });

  app.get("/v1/matters", async (_request, reply) => {
    const served = holder.current;
    reply.header(RULES_HEADER, served.sha256);
    return { matters: served.rules.matters() };
  });

  app.get<{ Params: { id: string }; Querystring: { date?: string } }>(
    "/v1/matters/:id",
    async (request, reply) => {
      const served = holder.current;
      reply.header(RULES_HEADER, served.sha256);
      const summary = served.rules.matters().find((m) => m.id === request.params.id);
      if (summary === undefined)
        return sendProblem(reply, unknownMatter(served, request.params.id));
      const date = request.query.date;
      if (date === undefined) return summary;
      if (!isPlainDate(date)) return sendProblem(reply, badDate(date));
      const version = served.rules.versionInForce(summary.id, date);
      if (version === undefined) {
        return sendProblem(
          reply,
          problem("not-found", 404, `no version of ${summary.id} is in force on ${date}`),
        );
      }
      const { effective } = version.file;
      return {
        ...summary,
        inForce: {
          date,
          version: version.file.version,
          from: effective.from,
          ...(effective.until !== undefined && { until: effective.until }),
          sha256: version.sha256,
        },
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { date?: string } }>(
    "/v1/matters/:id/schema",
    async (request, reply) => {
      const served = holder.current;
      reply.header(RULES_HEADER, served.sha256);
      const date = request.query.date ?? chinaToday(clock());
      if (!isPlainDate(date)) return sendProblem(reply, badDate(date));
      if (
        request.query.date !== undefined &&
        !served.rules.versionInForce(request.params.id, date)
      ) {
        return sendProblem(reply, unknownMatter(served, request.params.id, date));
      }
      const schema = matterApplicationSchema(served, request.params.id, date);
      if (schema === undefined) return sendProblem(reply, unknownMatter(served, request.params.id));
      return reply.type("application/schema+json").send(JSON.stringify(schema));
    },
  );

  app.get<{ Params: { id: string }; Querystring: { date?: string; locale?: string } }>(
    "/v1/matters/:id/guide",
    async (request, reply) => {
      const served = holder.current;
      reply.header(RULES_HEADER, served.sha256);
      const locale = localeOf(request);
      if (locale === undefined) return sendProblem(reply, badLocale());
      const summary = served.rules.matters().find((m) => m.id === request.params.id);
      if (summary === undefined)
        return sendProblem(reply, unknownMatter(served, request.params.id));
      const date = request.query.date ?? (summary.versions.at(-1)?.from as string);
      if (!isPlainDate(date)) return sendProblem(reply, badDate(date));
      const version = served.rules.versionInForce(summary.id, date);
      if (version === undefined) return sendProblem(reply, unknownMatter(served, summary.id, date));
      const format = guideFormat(request.headers.accept);
      if (format === undefined) {
        return sendProblem(
          reply,
          problem("not-acceptable", 406, "the guide is text/html or text/markdown"),
        );
      }
      const guide = buildGuide(version.file, {
        sha256: version.sha256,
        laws: version.laws,
        locale,
      });
      reply.header("vary", "accept");
      return format === "html"
        ? reply.type("text/html; charset=utf-8").send(formatGuideHtml(guide))
        : reply.type("text/markdown; charset=utf-8").send(formatGuideMarkdown(guide));
    },
  );

  app.get("/openapi.json", async (_request, reply) => {
    const served = holder.current;
    const day = chinaToday(clock());
    if (openApi?.sha256 !== served.sha256 || openApi.day !== day) {
      openApi = { sha256: served.sha256, day, text: JSON.stringify(openApiDocument(served, day)) };
    }
    reply.header(RULES_HEADER, served.sha256);
    return reply.type("application/json; charset=utf-8").send(openApi.text);
  });

  app.get("/health/live", async () => ({ status: "ok", version: VERSION }));

  app.get("/health/ready", async (_request, reply) => {
    const served = holder.current;
    const reasons: string[] = [];
    if (served.rules.matters().length === 0) reasons.push("no matter loaded");
    const calendar = served.rules.calendar;
    const day = chinaToday(clock());
    if (calendar === undefined) reasons.push("no working-day calendar loaded");
    else if (!calendar.isCovered(day)) {
      reasons.push(`the working-day calendar does not cover today (${day})`);
    }
    if (closing) reasons.push("shutting down");
    reply.code(reasons.length === 0 ? 200 : 503);
    return {
      status: reasons.length === 0 ? "ok" : "unavailable",
      rulesSha256: served.sha256,
      version: VERSION,
      ...(reasons.length > 0 && { reasons }),
    };
  });

  app.get("/metrics", async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return options.metricsText ? options.metricsText() : metrics.registry.metrics();
  });

  async function reload() {
    try {
      const { previous, current } = await holder.reload();
      metrics.reloads.inc({ result: "ok" });
      metrics.setRules(current.sha256);
      return { previousSha256: previous.sha256, rulesSha256: current.sha256 };
    } catch (error) {
      metrics.reloads.inc({ result: "refused" });
      throw error;
    }
  }

  async function install(next: ServedRules) {
    const previous = await holder.replace(next);
    metrics.reloads.inc({ result: "ok" });
    metrics.setRules(next.sha256);
    return { previousSha256: previous.sha256, rulesSha256: next.sha256 };
  }

  app.post("/v1/admin/reload", async (request, reply) => {
    const auth = checkAdmin(request.headers.authorization, options.adminToken);
    if (auth === "disabled") {
      return sendProblem(reply, problem("not-found", 404, "admin endpoints are disabled"));
    }
    if (auth === "missing") {
      reply.header("www-authenticate", 'Bearer realm="smart-approval admin"');
      return sendProblem(reply, problem("unauthorized", 401, "Authorization: Bearer <token>"));
    }
    if (auth === "wrong") return sendProblem(reply, problem("forbidden", 403, "wrong token"));
    try {
      const result = options.reloadAll ? await options.reloadAll() : await reload();
      const { previousSha256, rulesSha256 } = result as Awaited<ReturnType<typeof reload>>;
      reply.header(RULES_HEADER, rulesSha256);
      return { reloaded: true, previousSha256, rulesSha256 };
    } catch (error) {
      return sendProblem(
        reply,
        error instanceof ProblemError ? error.problem : reloadProblem(error),
      );
    }
  });

  await app.ready();
  return {
    app,
    holder,
    metrics,
    reload,
    install,
    refused: () => metrics.reloads.inc({ result: "refused" }),
  };
}

/** A refused reload reported by another process (with workers): its problem document. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ProblemError";
  }
}

/** The problem document of a refused reload: every issue of the new rules, located. */
export function reloadProblem(error: unknown): Problem {
  if (error instanceof RuleFileError) {
    return problem(
      "rules-refused",
      422,
      `${error.issues.length} issue(s) in the new rules`,
      error.issues
        .filter((i) => i.severity === "error")
        .map((i) => ({
          code: i.code,
          message: `${i.file}${i.line ? `:${i.line}:${i.column}` : ""}: ${i.message}`,
          pointer: i.pointer,
        })),
    );
  }
  return problem("rules-refused", 422, `cannot load the new rules: ${messageOf(error)}`);
}

function messageOf(error: unknown): string {
  // Only the message: never a stack, and a file system error's message names only the path.
  return error instanceof Error ? error.message : String(error);
}

function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_TYPE).send(JSON.stringify(body));
}

/** Fastify's own errors (body too large, bad JSON, timeouts) as problem documents. */
function errorProblem(error: unknown): Problem {
  const { statusCode, code } = error as { statusCode?: number; code?: string };
  switch (code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return problem("payload-too-large", 413, "the body is larger than the limit");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return problem(
        "unsupported-media-type",
        415,
        "send application/json (or application/x-ndjson to the batch)",
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return problem("invalid-request", 400, "the body is empty");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return problem("invalid-request", 400, "the body is not valid JSON");
  }
  if (error instanceof SyntaxError || statusCode === 400) {
    return problem("invalid-request", 400, "the body is not valid JSON");
  }
  if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
    return problem("invalid-request", statusCode, messageOf(error));
  }
  // Anything else is ours: say so without detail (no stack, no internal message).
  return problem("internal-error", 500, "the service failed; nothing was decided");
}

type BatchItem = { value: unknown } | { unparsable: string };

function batchItems(body: unknown): BatchItem[] | { problem: Problem } {
  if (Array.isArray(body)) return body.map((value) => ({ value }));
  if (isNdjson(body)) {
    return body.ndjson
      .split("\n")
      .map((line, index) => ({ line: line.trim(), index }))
      .filter(({ line }) => line !== "")
      .map(({ line, index }) => {
        try {
          return { value: JSON.parse(line) as unknown };
        } catch {
          return { unparsable: `line ${index + 1} is not valid JSON` };
        }
      });
  }
  return {
    problem: problem(
      "invalid-request",
      400,
      "a batch is a JSON array of applications, or NDJSON (application/x-ndjson)",
    ),
  };
}

function isNdjson(body: unknown): body is { ndjson: string } {
  return (
    typeof body === "object" &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as { ndjson?: unknown }).ndjson === "string" &&
    Object.keys(body).length === 1
  );
}

function localeOf(request: FastifyRequest): Locale | undefined {
  const value = (request.query as { locale?: string }).locale ?? "zh-CN";
  return value === "zh-CN" || value === "en" ? value : undefined;
}

function guideFormat(accept: string | undefined): "html" | "md" | undefined {
  if (accept === undefined || accept === "") return "md";
  const types = accept
    .split(",")
    .map((part) => {
      const [type = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { type: type.trim(), q: q === undefined ? 1 : Number(q.slice(2)) };
    })
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { type } of types) {
    if (type === "text/html" || type === "application/xhtml+xml") return "html";
    if (type === "text/markdown" || type === "text/plain" || type === "text/*" || type === "*/*") {
      return "md";
    }
  }
  return undefined;
}

function badDate(value: string): Problem {
  return problem("invalid-request", 400, `date must be YYYY-MM-DD, got "${value}"`, [
    { code: "invalid-date", message: `not a date: "${value}"`, pointer: "" },
  ]);
}

function badLocale(): Problem {
  return problem("invalid-request", 400, "locale must be zh-CN or en");
}

function unknownMatter(served: ServedRules, id: string, date?: string): Problem {
  if (date !== undefined && served.rules.matters().some((m) => m.id === id)) {
    return problem("not-found", 404, `no version of ${id} is in force on ${date}`);
  }
  const known =
    served.rules
      .matters()
      .map((m) => m.id)
      .join(", ") || "none";
  return problem("not-found", 404, `unknown matter "${id}"; loaded: ${known}`);
}
