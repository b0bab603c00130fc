import { z } from "zod";
import { endpoints } from "./endpoint";

const toSchema = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", unrepresentable: "any", io: "output" });

/** OpenAPI 3.1 document built from the declared endpoints, so it cannot drift from the code. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints()) {
    const p = "/api/v1" + e.path.replace(/:(\w+)/g, "{$1}");
    const params: unknown[] = [...e.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    if (e.query) {
      const js = toSchema(e.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(js.properties ?? {}))
        params.push({ name, in: "query", required: js.required?.includes(name) ?? false, schema });
    }
    (paths[p] ??= {})[e.method] = {
      summary: e.summary,
      tags: [e.tag],
      parameters: params,
      ...(e.auth !== "public" ? { security: [{ bearer: [] }] } : {}),
      ...(e.body
        ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(e.body) } } } }
        : {}),
      responses: {
        [e.method === "post" ? "201" : "200"]: {
          description: "Erfolg",
          content: { [e.responseType ?? "application/json"]: { schema: toSchema(e.response) } },
        },
        "400": {
          description: "Ungültige Anfrage",
          content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
        },
        ...(e.auth !== "public"
          ? { "401": { description: "Kein oder ungültiges Token" }, "403": { description: "Keine Berechtigung" } }
          : {}),
        "404": { description: "Nicht gefunden" },
      },
    };
  }
  paths["/health"] = {
    get: {
      summary: "Zustand von Anwendung und Datenbank",
      tags: ["Plattform"],
      servers: [{ url: "/" }],
      responses: {
        "200": {
          description: "OK",
          content: {
            "application/json": {
              schema: { type: "object", properties: { status: { const: "ok" }, db: { const: "ok" } } },
            },
          },
        },
      },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Teilhabe API",
      version: "1",
      description:
        "Offene Schnittstelle der Plattform für kommunales Integrationsmanagement. Fehler als Problem Details (RFC 9457).",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "API-Token eines Mandanten (Verwaltung → API-Tokens)" },
      },
      schemas: {
        Problem: {
          type: "object",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
          },
        },
      },
    },
  };
}
