import "../export/strings";
import { data } from "react-router";
import type { Route } from "./+types/cases-consent-pdf";
import { tFor } from "~/kernel/http/context";
import { consentForm, documentFile, fileResponse } from "../export/service";
import { caseTx, requireCaseSeat } from "./session.server";

// One consent version as a PDF to print and sign, in German and the consent's language where the
// renderer can set it (export/consent-texts.ts). For whoever may write the client.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const r = await caseTx(context, seat, (tx, me) => consentForm(tx, me, params.clientId, params.consentId));
  if (!r.ok) throw data({ message: tFor(context)("cases.export.errors.consentNotFound") }, { status: 404 });
  const file = await documentFile(r.value.model, "pdf", `einwilligung-${r.value.pseudonym}-${r.value.version}`);
  return fileResponse(file);
}
