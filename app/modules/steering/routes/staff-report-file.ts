import "../report/strings";
import { data } from "react-router";
import type { Route } from "./+types/staff-report-file";
import { requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { councilReportFile } from "../report/service";

const TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/** A stored report file, byte for byte as it was generated (decision 0034). */
export async function loader({ params, context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const format = params.format;
  if (format !== "pdf" && format !== "docx")
    throw data({ message: tFor(context)("steering.report.errors.format") }, { status: 404 });
  const file = await tenantTx(context, (tx) => councilReportFile(tx, params.id, format));
  if (!file) throw data({ message: tFor(context)("steering.report.errors.notFound") }, { status: 404 });
  const name = `bericht-${tenant.slug}-${file.number.replace(/[^A-Za-z0-9._-]+/g, "-")}.${format}`;
  return new Response(new Uint8Array(file.bytes), {
    headers: { "Content-Type": TYPES[format], "Content-Disposition": `attachment; filename="${name}"` },
  });
}
