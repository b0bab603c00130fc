import "./strings";
import "../export/strings";
import { eq } from "drizzle-orm";
import { data, Link } from "react-router";
import type { Route } from "./+types/cases-subject-access";
import { tenantContext, tFor } from "~/kernel/http/context";
import { CsrfField, PageTitle, RadioGroup } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { may } from "../core/context";
import { clients } from "../core/schema";
import { caseTx, requireCaseSeat } from "./session.server";

// The subject-access page (Art. 15 GDPR): says what the export contains and offers it as a POST form
// to …/auskunft/datei. The re-authentication that the file demands sends the user back here (a GET
// that offers the export again), see routes/cases-subject-access-file.ts.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const r = await caseTx(context, seat, async (tx) => {
    if (!(await may(tx, params.clientId, null, "export"))) return null;
    const [c] = await tx.select({ pseudonym: clients.pseudonym }).from(clients).where(eq(clients.id, params.clientId));
    return c ?? null;
  });
  if (!r) throw data({ message: tFor(context)("cases.export.errors.notAllowed") }, { status: 403 });
  return { slug: context.get(tenantContext).tenant.slug, clientId: params.clientId, pseudonym: r.pseudonym };
}

export default function CaseSubjectAccess({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const here = `/t/${d.slug}/verwaltung/fallarbeit/fall/${d.clientId}`;
  const title = t("cases.export.page.title", { pseudonym: d.pseudonym });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={here}>
          {t("cases.export.page.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("cases.export.page.intro")}</p>
      <p className="kern-body">{t("cases.export.page.careful")}</p>
      <p className="kern-body">{t("cases.export.page.reauth")}</p>
      {/* A file comes back, not a page: the browser posts this form itself. */}
      <form method="post" action={`${here}/auskunft/datei`} className="form-grid">
        <CsrfField />
        <RadioGroup
          name="format"
          legend={t("cases.export.page.format")}
          defaultValue="pdf"
          options={[
            { value: "pdf", label: t("cases.export.page.pdf") },
            { value: "docx", label: t("cases.export.page.docx") },
          ]}
        />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("cases.export.page.submit")}</span>
          </button>
        </div>
      </form>
    </>
  );
}
