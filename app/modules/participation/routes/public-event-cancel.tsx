import "./strings";
import { data } from "react-router";
import type { Route } from "./+types/public-event-cancel";
import { tenantTx, tFor } from "~/kernel/http/context";
import { Alert, PageTitle, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { cancelRegistration, registrationByToken } from "../events";

// The link in the confirmation mail. Opening it only asks; the cancellation is a POST, so a mail
// program that follows links to preview them cancels nothing.
export async function loader({ params, context }: Route.LoaderArgs) {
  const r = await tenantTx(context, (tx) => registrationByToken(tx, params.token));
  if (!r) throw data({ message: tFor(context)("participation.eventErrors.cancelUnknown") }, { status: 404 });
  return { title: r.eventTitle, cancelled: r.status === "cancelled" };
}

export async function action({ params, context }: Route.ActionArgs) {
  const r = await tenantTx(context, (tx) => cancelRegistration(tx, params.token));
  if (!r.ok)
    throw data({ message: tFor(context)(r.error.code) }, { status: r.error.code.endsWith("cancelled") ? 409 : 404 });
  return { done: true };
}

export default function CancelRegistration({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("participation.events.cancel.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("participation.events.cancel.title")}</h1>
      {actionData?.done ? (
        <Alert kind="success">{t("participation.events.cancel.done", { title: d.title })}</Alert>
      ) : d.cancelled ? (
        <p className="kern-body">{t("participation.eventErrors.cancelled")}</p>
      ) : (
        <PostForm className="form-grid">
          <p className="kern-body">{t("participation.events.cancel.question", { title: d.title })}</p>
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("participation.events.cancel.submit")}</span>
            </button>
          </div>
        </PostForm>
      )}
    </main>
  );
}
