import "./strings";
import { eq } from "drizzle-orm";
import { data, Link } from "react-router";
import type { Route } from "./+types/cases-log";
import { tenantContext, tFor } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { clients } from "../core/schema";
import { accessLog, staffDirectory } from "../core/views";
import { caseTx, requireCaseSeat } from "./session.server";

// A client's access log for the owning institution: who saw or changed which categories, when and
// why – content-free. The policy on case_access_events shows it to the owning institution only.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const r = await caseTx(context, seat, async (tx, me) => {
    const [c] = await tx
      .select({ pseudonym: clients.pseudonym, owner: clients.ownerInstitutionId })
      .from(clients)
      .where(eq(clients.id, params.clientId));
    if (!c || c.owner !== me.institutionId) return null;
    const [events, people] = await Promise.all([accessLog(tx, params.clientId), staffDirectory(tx)]);
    return { pseudonym: c.pseudonym, events, people };
  });
  if (!r) throw data({ message: tFor(context)("cases.errors.notAllowed") }, { status: 403 });
  const who = new Map(r.people.map((p) => [p.staffId, p]));
  return {
    slug: context.get(tenantContext).tenant.slug,
    clientId: params.clientId,
    pseudonym: r.pseudonym,
    events: r.events.map((e) => {
      const p = e.staffId ? who.get(e.staffId) : undefined;
      return {
        ...e,
        who: p ? `${p.displayName}, ${p.institutionName}${p.siteName ? ` (${p.siteName})` : ""}` : null,
        role: p?.role ?? null,
      };
    }),
  };
}

export default function CaseLog({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const title = t("cases.log.title", { pseudonym: d.pseudonym });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit/fall/${d.clientId}`}>
          {t("cases.category.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("cases.log.intro")}</p>
      {d.events.length === 0 ? (
        <p className="kern-body">{t("cases.log.empty")}</p>
      ) : (
        <DataTable
          caption={title}
          headers={[
            t("cases.log.at"),
            t("cases.log.who"),
            t("cases.log.what"),
            t("cases.log.categories"),
            t("cases.log.why"),
          ]}
        >
          {d.events.map((e, i) => (
            <tr key={i} className="kern-table__row">
              <td className="kern-table__cell">{fmt.dateTime(e.at)}</td>
              <td className="kern-table__cell">
                {e.who ? `${e.who} – ${t(`cases.roles.${e.role}`)}` : t("cases.log.unknownStaff")}
              </td>
              <td className="kern-table__cell">{t(`cases.actions.${e.action}`)}</td>
              <td className="kern-table__cell">
                {e.categories.map((c) => t(`cases.categories.${c}`)).join(", ") || "–"}
              </td>
              <td className="kern-table__cell">{t(`cases.reasons.${e.reason}`)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
