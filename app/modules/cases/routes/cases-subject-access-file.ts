import "../export/strings";
import { data, redirect } from "react-router";
import type { Route } from "./+types/cases-subject-access-file";
import { requestContext, requireRecentReauth, tenantContext, tFor } from "~/kernel/http/context";
import { documentFile, fileResponse, subjectAccessExport } from "../export/service";
import { caseTx, requireCaseSeat } from "./session.server";

// The subject-access file: only from a POST (the page cases-subject-access.tsx), only after a
// password confirmation within the last 5 minutes. A stale confirmation sends the user to
// /anmelden/bestaetigen and back to the page, whose form offers the export again. Logged as an
// export for 'subject_access' (export/service.ts); never cached; the file name carries the pseudonym.

/** Minutes within which the password must have been confirmed for an export. */
export const EXPORT_REAUTH_MINUTES = 5;

const pageOf = (slug: string, clientId: string) => `/t/${slug}/verwaltung/fallarbeit/fall/${clientId}/auskunft`;

/** A GET (an old link, a reload) lands on the page that offers the export. */
export function loader({ context, params }: Route.LoaderArgs) {
  return redirect(pageOf(context.get(tenantContext).tenant.slug, params.clientId));
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const seat = await requireCaseSeat(context, request);
  const page = new URL(pageOf(context.get(tenantContext).tenant.slug, params.clientId), request.url);
  requireRecentReauth(context, new Request(page), EXPORT_REAUTH_MINUTES);
  const format = String((await request.formData()).get("format") ?? "pdf");
  if (format !== "pdf" && format !== "docx")
    throw data({ message: tFor(context)("cases.export.errors.format") }, { status: 400 });
  const { lang } = context.get(requestContext);
  const r = await caseTx(context, seat, (tx, me) => subjectAccessExport(tx, me, params.clientId, lang));
  if (!r.ok) throw data({ message: tFor(context)("cases.export.errors.notAllowed") }, { status: 403 });
  const file = await documentFile(r.value.model, format, `auskunft-${r.value.pseudonym}`);
  return fileResponse(file);
}
