import "../eligibility/strings";
import type { Route } from "./+types/eligibility-rules";
import { requestContext, requireRole, tenantTx } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { PageTitle } from "~/kernel/ui/forms";
import { DataTable } from "~/kernel/ui/table";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { listRules, listStepTypes } from "../eligibility/service";

// Fallarbeit: the catalogue of plan steps and the eligibility rules with every version, its
// validity and its source (issue 16 item 4). Read-only: versions are recorded by the platform
// administration with the CLI command cases:eligibility-add.

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const lang = context.get(requestContext).lang;
  const today = todayBerlin();
  const { steps, rules } = await tenantTx(context, async (tx) => ({
    steps: await listStepTypes(tx),
    rules: await listRules(tx),
  }));
  const label = (r: { labelDe: string; labelEn: string }) => (lang === "de" ? r.labelDe : r.labelEn);
  // Country names in the page's language, made here so that server and browser render the same.
  const names = new Intl.DisplayNames([lang === "de" ? "de" : "en"], { type: "region" });
  const country = (c: string) => `${names.of(c) ?? c} (${c})`;
  return {
    steps: steps.map((s) => {
      const rule = rules.find((r) => r.code === s.eligibilityRule);
      return {
        code: s.code,
        label: label(s),
        group: s.stepGroup,
        institutions: s.institutionKinds,
        rule: rule ? label(rule) : null,
      };
    }),
    rules: rules.map((r) => ({
      code: r.code,
      kind: r.kind,
      label: label(r),
      versions: r.versions.map((v) => ({
        id: v.id,
        validFrom: v.validFrom,
        validTo: v.validTo,
        current: v.validFrom <= today && (v.validTo === null || v.validTo >= today),
        parameters: describe(v.parameters, country),
        source: v.source,
        note: v.note,
        isExample: v.isExample,
        recordedBy: v.recordedBy,
      })),
    })),
  };
}

/** The parameters as lines of (key, values) for the page to translate. */
function describe(p: Record<string, unknown>, country: (c: string) => string) {
  const out: { key: string; values: Record<string, string | number> }[] = [];
  if (Array.isArray(p.countries))
    out.push({ key: "countries", values: { list: p.countries.map(String).map(country).join(", ") } });
  if (typeof p.minimumAge === "number") out.push({ key: "minimumAge", values: { age: p.minimumAge } });
  if (typeof p.entryUntil === "string") out.push({ key: "entryUntil", values: { date: p.entryUntil } });
  if (Array.isArray(p.residenceStatuses))
    out.push({ key: "residenceStatuses", values: { list: p.residenceStatuses.map(String).join(", ") } });
  return out;
}

export default function EligibilityRules({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const title = t("cases.eligibility.page.title");
  const p = (k: string, o?: Record<string, unknown>) => t(`cases.eligibility.page.${k}`, o ?? {});
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{p("intro")}</p>

      <h2 className="kern-heading-medium">{p("stepsTitle")}</h2>
      <DataTable caption={p("stepsCaption")} headers={[p("step"), p("group"), p("institutions"), p("rule")]}>
        {d.steps.map((s) => (
          <tr key={s.code} className="kern-table__row">
            <th scope="row" className="kern-table__header">
              {s.label}
            </th>
            <td className="kern-table__cell">{t(`cases.eligibility.groups.${s.group}`)}</td>
            <td className="kern-table__cell">
              {s.institutions.map((i) => t(`cases.eligibility.institutionKinds.${i}`)).join(", ")}
            </td>
            <td className="kern-table__cell">{s.rule ?? p("noRule")}</td>
          </tr>
        ))}
      </DataTable>

      <h2 className="kern-heading-medium">{p("rulesTitle")}</h2>
      {d.rules.map((r) => (
        <section key={r.code} aria-labelledby={`rule-${r.code}`}>
          <h3 id={`rule-${r.code}`} className="kern-heading-small">
            {r.label}
          </h3>
          <p className="kern-body">
            {t(`cases.eligibility.kinds.${r.kind}`)} · <code>{r.code}</code>
          </p>
          {r.versions.length === 0 ? (
            <p className="kern-body">{p("noVersions")}</p>
          ) : (
            <DataTable
              caption={p("versionsCaption", { rule: r.label })}
              headers={[p("validFrom"), p("validTo"), p("parameters"), p("source"), p("recordedBy")]}
            >
              {r.versions.map((v) => (
                <tr key={v.id} className="kern-table__row">
                  <td className="kern-table__cell">
                    {fmt.date(v.validFrom)}
                    {v.current && (
                      <>
                        {" "}
                        <span className="kern-badge kern-badge--success">{p("current")}</span>
                      </>
                    )}
                  </td>
                  <td className="kern-table__cell">{v.validTo ? fmt.date(v.validTo) : p("open")}</td>
                  <td className="kern-table__cell">
                    {v.isExample && (
                      <p className="kern-body kern-body--bold">
                        <strong>{p("example")}</strong>
                      </p>
                    )}
                    {v.parameters.map((x) => (
                      <p key={x.key} className="kern-body">
                        {p(x.key, x.key === "entryUntil" ? { date: fmt.date(String(x.values.date)) } : x.values)}
                      </p>
                    ))}
                  </td>
                  <td className="kern-table__cell">
                    <p className="kern-body">{v.source}</p>
                    {v.note && (
                      <p className="kern-body kern-body--small">
                        {p("note")}: {v.note}
                      </p>
                    )}
                  </td>
                  <td className="kern-table__cell">{v.recordedBy}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      ))}
    </>
  );
}
