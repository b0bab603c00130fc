import { data, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/reauth";
import { appContext, failureErrors, requestContext, requireUser, tFor } from "../http/context";
import { reauthenticate } from "../auth/second-factor";
import { ErrorSummary, Field, PageTitle, PostForm } from "../ui/forms";
import { useT } from "../ui/hooks";
import { safeNext } from "./login";
import "../auth/strings";
import "../auth/sso-strings";

// /anmelden/bestaetigen?weiter=<path>: confirms password (and code, if enrolled) for a sensitive
// step, sets the session's reauth_at, then returns to the same-site path (decision 0045).
const ReauthForm = z.object({
  password: z.string().min(1),
  code: z.string().trim().max(40).optional(),
  weiter: z.string().optional(),
});

export function loader({ request, context }: Route.LoaderArgs) {
  const u = requireUser(context, request);
  // A session from single sign-on confirms at its provider (a fresh login there, decision 0047).
  const sso = u.sso && u.memberships.find((m) => m.tenantId === u.sso!.tenantId);
  return { enrolled: u.secondFactor.enrolled, ssoSlug: sso ? sso.slug : null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const u = requireUser(context, request);
  const form = ReauthForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success)
    return data(
      { errors: { password: tFor(context)("secondFactor.errors.passwordInvalid") } as Record<string, string> },
      { status: 400 },
    );
  const { db, ip } = context.get(appContext);
  const { sessionToken } = context.get(requestContext);
  const r = await reauthenticate(db, u, sessionToken, form.data.password, form.data.code || undefined, ip);
  if (!r.ok) return data({ errors: failureErrors(context, r) }, { status: 401 });
  throw redirect(safeNext(form.data.weiter));
}

export default function Reauth({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  return (
    <main id="inhalt" className="kern-container page">
      <PageTitle>{t("secondFactor.reauth.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("secondFactor.reauth.title")}</h1>
      <p className="kern-body">{t("secondFactor.reauth.text")}</p>
      {loaderData.ssoSlug && (
        <PostForm action={`/anmelden/sso/${loaderData.ssoSlug}`} className="inline-form">
          <input type="hidden" name="next" value={params.get("weiter") ?? ""} />
          <input type="hidden" name="reauth" value="1" />
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("sso.reauth")}</span>
          </button>
        </PostForm>
      )}
      <PostForm className="form-grid" hidden={!!loaderData.ssoSlug}>
        <input type="hidden" name="weiter" value={params.get("weiter") ?? ""} />
        <ErrorSummary errors={actionData?.errors} />
        <Field
          name="password"
          type="password"
          label={t("secondFactor.password")}
          required
          autoComplete="current-password"
          error={actionData?.errors.password}
        />
        {loaderData.enrolled && (
          <Field
            name="code"
            label={t("secondFactor.codeOrRecovery")}
            required
            autoComplete="one-time-code"
            error={actionData?.errors.code}
          />
        )}
        <div className="actions">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("secondFactor.reauth.submit")}</span>
          </button>
        </div>
      </PostForm>
    </main>
  );
}
