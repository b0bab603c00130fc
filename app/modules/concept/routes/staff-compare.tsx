import { Form } from "react-router";
import type { Route } from "./+types/staff-compare";
import { requireRole, tenantTx } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { getEdition, listEditions } from "../services/concept";
import { compareEditions } from "../services/fortschreibung";
import { Comparison } from "../ui";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const p = new URL(request.url).searchParams;
  return tenantTx(context, async (tx) => {
    const eds = await listEditions(tx);
    const a = await getEdition(tx, p.get("a") ?? ""),
      b = await getEdition(tx, p.get("b") ?? "");
    return {
      editions: eds.map((e) => ({ value: e.id, label: e.title })),
      a: a?.id ?? "",
      b: b?.id ?? "",
      diff: a && b ? await compareEditions(tx, a.id, b.id) : null,
    };
  });
}

export default function Compare({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const title = t("concept.compare.title");
  const sel = (name: string, label: string, value: string) => (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={`f-${name}`}>
        {label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" id={`f-${name}`} name={name} defaultValue={value}>
          {d.editions.map((e) => (
            <option key={e.value} value={e.value}>
              {e.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      <Form method="get" className="form-grid">
        {sel("a", t("concept.compare.a"), d.a)}
        {sel("b", t("concept.compare.b"), d.b)}
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("concept.compare.run")}</span>
          </button>
        </div>
      </Form>
      {d.diff && <Comparison c={d.diff} />}
    </>
  );
}
