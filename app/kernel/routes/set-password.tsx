import { Link, data, redirect } from "react-router";
import type { Route } from "./+types/set-password";
import { appContext, tFor } from "../http/context";
import { isTokenValid, setPasswordWithToken } from "../auth/service";
import { PASSWORD_MIN } from "../auth/policy";
import { Alert, ErrorSummary, Field, PageTitle, PostForm } from "../ui/forms";
import { useT } from "../ui/hooks";

export async function loader({ params, context }: Route.LoaderArgs) {
  return { valid: await isTokenValid(context.get(appContext).db, params.token) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const t = tFor(context);
  const f = await request.formData();
  const password = String(f.get("password") ?? "");
  if (password !== String(f.get("repeat") ?? ""))
    return data({ errors: { repeat: t("reset.mismatch") } }, { status: 400 });
  const r = await setPasswordWithToken(context.get(appContext).db, params.token, password);
  if (!r.ok) {
    return data(
      {
        errors:
          r.reason === "weak"
            ? { password: t("reset.weak", { min: PASSWORD_MIN }) }
            : { _form: t("reset.invalidToken") },
      },
      { status: 400 },
    );
  }
  throw redirect("/anmelden?hinweis=passwort");
}

export default function SetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <main id="inhalt" className="kern-container page">
      <PageTitle>{t("reset.setTitle")}</PageTitle>
      <h1 className="kern-heading-large">{t("reset.setTitle")}</h1>
      {!loaderData.valid ? (
        <>
          <Alert kind="danger">{t("reset.invalidToken")}</Alert>
          <p>
            <Link className="kern-link" to="/passwort-vergessen">
              {t("reset.title")}
            </Link>
          </p>
        </>
      ) : (
        <PostForm className="form-grid">
          <ErrorSummary errors={errors} />
          <Field
            name="password"
            type="password"
            label={t("reset.newPassword")}
            hint={t("reset.newPasswordHint", { min: PASSWORD_MIN })}
            required
            autoComplete="new-password"
            error={errors?.password}
          />
          <Field
            name="repeat"
            type="password"
            label={t("reset.repeat")}
            required
            autoComplete="new-password"
            error={errors?.repeat}
          />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("reset.save")}</span>
            </button>
          </div>
        </PostForm>
      )}
    </main>
  );
}
