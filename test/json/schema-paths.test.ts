// One walker of JSON Schemas by dot path, behind the loader's path check, notices' field titles,
// the lint's fact domains and the guide.
import { describe, expect, it } from "vitest";
import {
  type Schema,
  schemaHasPath,
  schemaNodesAt,
  schemaTitle,
} from "../../src/json/schema-paths.js";

const schema: Schema = {
  type: "object",
  definitions: {
    person: {
      type: "object",
      title: "人员",
      properties: { name: { type: "string", title: "姓名" } },
    },
  },
  properties: {
    operator: { $ref: "#/definitions/person" },
    organization: { enum: ["individual", "family"], title: "组成形式" },
    members: { type: "array", items: { $ref: "#/definitions/person" } },
    extra: { title: "附加信息" },
    anything: true,
    choice: {
      anyOf: [
        { type: "object", properties: { a: { type: "string", title: "甲" } } },
        { type: "object", properties: { b: { type: "integer" } } },
      ],
    },
    free: { type: "object", additionalProperties: { type: "number", title: "数额" } },
  },
};

describe("the schema walker", () => {
  it("follows properties, local $refs, items by index, additionalProperties and branches", () => {
    for (const path of ["operator.name", "members.0.name", "choice.a", "choice.b", "free.x"]) {
      expect(schemaHasPath(schema, path), path).toBe(true);
    }
    expect(schemaTitle(schema, "members.3.name")).toBe("姓名");
    expect(schemaTitle(schema, "choice.a")).toBe("甲");
    expect(schemaTitle(schema, "free.total")).toBe("数额");
    expect(schemaNodesAt(schema, "choice.b")).toEqual([{ type: "integer" }]);
  });

  it("refuses paths the schema does not describe, even below a value it does", () => {
    for (const path of ["operator.nmae", "members.first.name", "choice.c", "organization.code"]) {
      expect(schemaHasPath(schema, path), path).toBe(false);
    }
    expect(schemaNodesAt(schema, "organization.code")).toEqual([]);
  });

  it("lets a node that constrains nothing stand for every deeper path, without its title", () => {
    expect(schemaNodesAt(schema, "extra.note.text")).toEqual([{}]);
    expect(schemaNodesAt(schema, "anything.at.all")).toEqual([{}]);
    // The title of `extra` labels extra itself, not what lies below it.
    expect(schemaTitle(schema, "extra")).toBe("附加信息");
    expect(schemaTitle(schema, "extra.note")).toBeUndefined();
  });

  it("puts the node reached before its branches, and stops at broken references", () => {
    const nodes = schemaNodesAt(schema, "choice");
    expect(nodes[0]).toHaveProperty("anyOf");
    expect(nodes).toHaveLength(3);
    const broken: Schema = {
      properties: { a: { $ref: "#/definitions/missing" }, b: { $ref: "http://x/y" } },
    };
    expect(schemaHasPath(broken, "a")).toBe(false);
    expect(schemaHasPath(broken, "b")).toBe(false);
  });
});
