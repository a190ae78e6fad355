import { z } from "zod";
import { ApplicationSchema, DecisionSchema } from "../index.js";
import { CombinedApplicationSchema, CombinedDecisionSchema } from "../model/one-thing.js";
import { VERSION } from "../version.js";
import {
  BatchItemSchema,
  BatchResponseSchema,
  HealthSchema,
  MatterDetailSchema,
  MatterListSchema,
  MatterSummarySchema,
  ReloadResponseSchema,
} from "./contracts.js";
import { PROBLEM_TYPE, ProblemItemSchema, ProblemSchema } from "./problem.js";
import type { ServedRules } from "./rules-state.js";

type Json = Record<string, unknown>;

const REF = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** The component schemas generated from zod, referring to each other by component. */
function zodComponents(): Record<string, Json> {
  const convert = (schemas: Record<string, z.ZodType>, io: "input" | "output") => {
    const registry = z.registry<{ id: string }>();
    for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
    const out = z.toJSONSchema(registry, {
      target: "draft-2020-12",
      io,
      uri: (id) => `#/components/schemas/${id}`,
      unrepresentable: "any",
    }) as { schemas: Record<string, Json> };
    for (const schema of Object.values(out.schemas)) delete schema.$schema;
    return out.schemas;
  };
  return {
    ...convert(
      { Application: ApplicationSchema, CombinedApplication: CombinedApplicationSchema },
      "input",
    ),
    ...convert(
      {
        Decision: DecisionSchema,
        CombinedDecision: CombinedDecisionSchema,
        Problem: ProblemSchema,
        ProblemItem: ProblemItemSchema,
        BatchItem: BatchItemSchema,
        BatchResponse: BatchResponseSchema,
        MatterSummary: MatterSummarySchema,
        MatterList: MatterListSchema,
        MatterDetail: MatterDetailSchema,
        Health: HealthSchema,
        ReloadResponse: ReloadResponseSchema,
      },
      "output",
    ),
  };
}

/** A component name for a matter's application (OpenAPI allows letters, digits, . - _). */
export function matterComponent(matter: string): string {
  return `Application.${matter}`;
}

/**
 * A matter's application schema: the generic envelope with `matter` fixed and `data` and
 * `evidence` replaced by the matter version's input schemas. The version is the one in force on
 * `date` (the newest when none is).
 */
export function matterApplicationSchema(
  served: ServedRules,
  matter: string,
  date: string,
): Json | undefined {
  const summary = served.rules.matters().find((m) => m.id === matter);
  if (summary === undefined) return undefined;
  const on =
    served.rules.versionInForce(matter, date) !== undefined
      ? date
      : (summary.versions.at(-1)?.from as string);
  const version = served.rules.versionInForce(matter, on);
  if (version === undefined) return undefined;
  const envelope = z.toJSONSchema(ApplicationSchema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  }) as Json;
  delete envelope.$schema;
  const properties = { ...(envelope.properties as Record<string, Json>) };
  properties.matter = { type: "string", const: matter };
  properties.data = structuredClone(version.file.input.data) as Json;
  properties.evidence = structuredClone(version.file.input.evidence) as Json;
  for (const key of ["data", "evidence"] as const) delete properties[key]?.$schema;
  return {
    ...envelope,
    title: `${version.file.title["zh-CN"]} (${matter} ${version.file.version})`,
    properties,
  };
}

/**
 * The service's OpenAPI 3.1 document, generated from the zod contracts and, for each matter
 * loaded, its input schemas (the version in force on `today`). Cached per rule set by the caller.
 */
export function openApiDocument(served: ServedRules, today: string): Json {
  const schemas: Record<string, Json> = zodComponents();
  const matters = served.rules.matters();
  const mapping: Record<string, string> = {};
  for (const { id } of matters) {
    const schema = matterApplicationSchema(served, id, today);
    if (schema === undefined) continue;
    schemas[matterComponent(id)] = schema;
    mapping[id] = `#/components/schemas/${matterComponent(id)}`;
  }
  // Any matter's application; the generic envelope when no matter is loaded.
  const applicationBody =
    Object.keys(mapping).length === 0
      ? REF("Application")
      : {
          oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
          discriminator: { propertyName: "matter", mapping },
        };
  const problems = (...statuses: number[]) =>
    Object.fromEntries(
      statuses.map((status) => [
        String(status),
        {
          description: PROBLEM_DESCRIPTIONS[status] ?? "Problem",
          content: { [PROBLEM_TYPE]: { schema: REF("Problem") } },
        },
      ]),
    );
  const json = (schema: Json, description: string) => ({
    description,
    content: { "application/json": { schema } },
  });
  const matterId = {
    name: "id",
    in: "path",
    required: true,
    schema: { type: "string" },
    description: "Matter id, e.g. individual-business.establishment",
  };
  const date = {
    name: "date",
    in: "query",
    required: false,
    schema: { type: "string", format: "date" },
    description: "The version in force on this date (YYYY-MM-DD)",
  };
  const locale = {
    name: "locale",
    in: "query",
    required: false,
    schema: { type: "string", enum: ["zh-CN", "en"] },
    description: "Language of the decision's messages (zh-CN by default)",
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "smart-approval decision service",
      version: VERSION,
      description: `Decides applications against the loaded rules (SHA-256 ${served.sha256}). Every response carries Smart-Approval-Version and Smart-Approval-Rules-Sha256 headers.`,
      license: { name: "MIT", identifier: "MIT" },
    },
    paths: {
      "/v1/decisions": {
        post: {
          operationId: "decide",
          summary: "Decide one application",
          parameters: [locale],
          requestBody: {
            required: true,
            content: { "application/json": { schema: applicationBody } },
          },
          responses: {
            "200": {
              ...json(REF("Decision"), "The decision (approve, incomplete or refer)"),
              headers: {
                "Decision-Id": {
                  description: "Id of the decision log entry",
                  schema: { type: "string" },
                },
              },
            },
            ...problems(400, 413, 415, 422, 429, 503),
          },
        },
      },
      "/v1/decisions/one-thing": {
        post: {
          operationId: "decideOneThing",
          summary:
            "Decide one combined application (一件事): several matters applied for at once, one decision",
          parameters: [locale],
          requestBody: {
            required: true,
            content: { "application/json": { schema: REF("CombinedApplication") } },
          },
          responses: {
            "200": {
              ...json(
                REF("CombinedDecision"),
                "The combined decision (approve, incomplete, refer or pending), member by member",
              ),
              headers: {
                "Decision-Id": {
                  description: "Id of the decision log entry",
                  schema: { type: "string" },
                },
              },
            },
            ...problems(400, 413, 415, 422, 429, 503),
          },
        },
      },
      "/v1/decisions/batch": {
        post: {
          operationId: "decideBatch",
          summary: "Decide many applications: one result per item, in order",
          parameters: [locale],
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { type: "array", items: applicationBody } },
              "application/x-ndjson": {
                schema: { type: "string", description: "One application per line" },
              },
            },
          },
          responses: {
            "200": json(REF("BatchResponse"), "One result per item, in order"),
            ...problems(400, 413, 415, 429, 503),
          },
        },
      },
      "/v1/matters": {
        get: {
          operationId: "listMatters",
          responses: { "200": json(REF("MatterList"), "The matters loaded") },
        },
      },
      "/v1/matters/{id}": {
        get: {
          operationId: "getMatter",
          parameters: [matterId, date],
          responses: {
            "200": json(REF("MatterDetail"), "The matter, its versions, the one in force"),
            ...problems(400, 404),
          },
        },
      },
      "/v1/matters/{id}/schema": {
        get: {
          operationId: "getMatterSchema",
          parameters: [matterId, date],
          responses: {
            "200": json(
              { type: "object", description: "JSON Schema (2020-12) of the application" },
              "The matter's application schema (version in force on ?date=, else the newest)",
            ),
            ...problems(400, 404),
          },
        },
      },
      "/v1/matters/{id}/guide": {
        get: {
          operationId: "getMatterGuide",
          parameters: [matterId, date, locale],
          responses: {
            "200": {
              description: "The public guide (办事指南), HTML or Markdown by Accept",
              content: {
                "text/html": { schema: { type: "string" } },
                "text/markdown": { schema: { type: "string" } },
              },
            },
            ...problems(400, 404, 406),
          },
        },
      },
      "/health/live": {
        get: { operationId: "live", responses: { "200": json(REF("Health"), "Alive") } },
      },
      "/health/ready": {
        get: {
          operationId: "ready",
          responses: {
            "200": json(REF("Health"), "Rules loaded and the calendar covers today"),
            "503": json(REF("Health"), "Not ready"),
          },
        },
      },
      "/metrics": {
        get: {
          operationId: "metrics",
          responses: {
            "200": {
              description: "Prometheus text exposition",
              content: { "text/plain": { schema: { type: "string" } } },
            },
          },
        },
      },
      "/v1/admin/reload": {
        post: {
          operationId: "reload",
          security: [{ adminToken: [] }],
          responses: {
            "200": json(REF("ReloadResponse"), "The new rules are serving"),
            ...problems(401, 403, 404, 422, 503),
          },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: { adminToken: { type: "http", scheme: "bearer" } },
    },
  };
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request",
  401: "No admin token",
  403: "Wrong admin token",
  404: "Not found (or admin disabled)",
  406: "No acceptable representation",
  413: "Body too large",
  415: "Unsupported media type",
  422: "The application cannot be decided (every problem listed), or the new rules were refused",
  429: "Saturated: retry after Retry-After seconds",
  503: "Shutting down or timed out; or a reload failed because a worker exited (the old rules keep serving)",
};
