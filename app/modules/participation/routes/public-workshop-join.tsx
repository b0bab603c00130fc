import "./strings";
import { Form, redirect } from "react-router";
import type { Route } from "./+types/public-workshop-join";
import { tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { Alert, PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { workshopByCode } from "../workshops";
import "../participation.css";

// Joining a live workshop by the code on the projector: a plain GET form, so it works on any phone.
export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const code = (new URL(request.url).searchParams.get("code") ?? "").trim();
  if (!code) return { error: null, code: "" };
  const w = await tenantTx(context, (tx) => workshopByCode(tx, code));
  if (w?.status === "open") throw redirect(`/t/${tenant.slug}/werkstatt/${w.code}`);
  return { error: tFor(context)("participation.workshopErrors.codeUnknown"), code: code.slice(0, 20) };
}

export default function JoinWorkshop({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("participation.workshop.joinTitle")}</PageTitle>
      <h1 className="kern-heading-large">{t("participation.workshop.joinTitle")}</h1>
      <p className="kern-body">{t("participation.workshop.joinIntro")}</p>
      {d.error && <Alert kind="danger">{d.error}</Alert>}
      <Form method="get" className="form-grid">
        <div className={`kern-form-input${d.error ? " kern-form-input--error" : ""}`}>
          <label className="kern-label" htmlFor="ws-code">
            {t("participation.workshop.codeLabel")}
          </label>
          <input
            className="kern-form-input__input workshop-code-input"
            id="ws-code"
            name="code"
            defaultValue={d.code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            required
            aria-invalid={d.error ? true : undefined}
          />
        </div>
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("participation.workshop.join")}</span>
          </button>
        </div>
      </Form>
    </main>
  );
}
