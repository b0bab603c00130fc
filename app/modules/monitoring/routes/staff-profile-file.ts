import "../import-strings";
import { data } from "react-router";
import type { Route } from "./+types/staff-profile-file";
import { errorText, requireRole, tenantTx, tFor } from "~/kernel/http/context";
import { ServiceError } from "~/kernel/errors";
import { exportProfile, profileDisposition } from "../services/profiles";

/**
 * A stored import profile as a JSON file (`…/monitoring/profile/<name>.json`): the same text as
 * `monitoring:profile-export`, which the CLI's `--profile datei.json` and the upload take back.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const t = tFor(context);
  const name = /^(.+)\.json$/s.exec(params.file)?.[1];
  if (!name) throw data({ message: t("errors.notFound") }, { status: 404 });
  let r;
  try {
    r = await tenantTx(context, (tx) => exportProfile(tx, name));
  } catch (e) {
    if (e instanceof ServiceError) throw data({ message: errorText(context, e) }, { status: 409 });
    throw e;
  }
  if (!r) throw data({ message: t("monitoring.importProfiles.notFound", { name }) }, { status: 404 });
  return new Response(r.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": profileDisposition(name),
      "Cache-Control": "private, no-store",
    },
  });
}
