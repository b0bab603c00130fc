import type { Response } from "express";

/** RFC 9457 problem details; messages are German like the rest of the platform. */
export function problem(
  res: Response,
  status: number,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
) {
  res
    .status(status)
    .type("application/problem+json")
    .send(JSON.stringify({ type: "about:blank", title, status, detail, ...extra }));
}
