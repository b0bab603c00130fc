import "../report/strings";
import { Form } from "react-router";
import type { Route } from "./+types/staff-report";
import { requireRole, tenantTx } from "~/kernel/http/context";
import { Alert, PageTitle, Select } from "~/kernel/ui/forms";
import { ChoiceList } from "~/kernel/ui/picker";
import { useT } from "~/kernel/ui/hooks";
import { reportChoices } from "../report/service";
import { useIndicatorTexts } from "../components";

// Monitoringbericht (issue 13, item 5; decision 0038): a staff page from viewer up. Choose a year
// (which sets the preselected indicators), the indicators and the area level, and download the
// report as DOCX or tagged PDF. Two GET forms, so it works without JavaScript.

export async function loader({ context, request }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const year = new URL(request.url).searchParams.get("jahr") ?? undefined;
  return tenantTx(context, (tx) => reportChoices(tx, year));
}

export default function MonitoringReportPage({ loaderData: d, params }: Route.ComponentProps) {
  const t = useT();
  const texts = useIndicatorTexts();
  const p = (k: string) => t(`monitoring.report.page.${k}`);
  const base = `/t/${params.slug}/verwaltung/monitoring/bericht`;
  return (
    <>
      <PageTitle>{p("title")}</PageTitle>
      <h1 className="kern-heading-large">{p("title")}</h1>
      <p className="kern-body">{p("intro")}</p>
      <Alert>{p("disclosure")}</Alert>
      {!d.years.length ? (
        <p className="kern-body">{p("noYears")}</p>
      ) : (
        <>
          <Form method="get" action={base} className="form-grid">
            <h2 className="kern-heading-small">{p("yearLegend")}</h2>
            <Select
              name="jahr"
              label={p("year")}
              hint={p("chooseYearHint")}
              options={d.years.map((y) => ({ value: y, label: y }))}
              defaultValue={d.year}
            />
            <div>
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{p("chooseYear")}</span>
              </button>
            </div>
          </Form>
          {/* A real navigation: the answer is a file. */}
          <Form method="get" action={`${base}/datei`} reloadDocument className="form-grid">
            <h2 className="kern-heading-small">{p("download")}</h2>
            <input type="hidden" name="jahr" value={d.year} />
            <input type="hidden" name="auswahl" value="1" />
            <Select
              name="ebene"
              label={p("level")}
              options={d.levels.map((l) => ({ value: l, label: t(`monitoring.levels.${l}`, { defaultValue: l }) }))}
              defaultValue={d.level}
            />
            <ChoiceList
              name="ind"
              legend={p("indicators")}
              hint={p("indicatorsHint")}
              options={d.indicators.map((i) => ({
                value: i.code,
                label: [
                  texts.name(i).text,
                  ...(i.isPublic ? [] : [p("internal")]),
                  ...(i.hasData ? [] : [p("noDataYear")]),
                ].join(" – "),
              }))}
              defaultValues={d.defaults}
            />
            <div>
              <button type="submit" name="format" value="pdf" className="kern-btn kern-btn--primary">
                <span className="kern-label">{p("pdf")}</span>
              </button>{" "}
              <button type="submit" name="format" value="docx" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{p("docx")}</span>
              </button>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
