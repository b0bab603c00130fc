import { z } from "zod";
import type { Route } from "./+types/forgot-password";
import { appContext, tFor } from "../http/context";
import { requestPasswordReset } from "../auth/service";
import { Alert, Field, PageTitle, PostForm } from "../ui/forms";
import { useT } from "../ui/hooks";

export async function action({ request, context }: Route.ActionArgs) {
  const form = z.object({ email: z.string().trim().email() }).safeParse(Object.fromEntries(await request.formData()));
  // The same answer for unknown addresses, so the form cannot be used to probe for accounts.
  if (form.success) await requestPasswordReset(context.get(appContext).db, form.data.email);
  return { sent: tFor(context)("reset.sent") };
}

export default function Forgot({ actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <main id="inhalt" className="kern-container page">
      <PageTitle>{t("reset.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("reset.title")}</h1>
      {actionData?.sent ? (
        <Alert kind="success">{actionData.sent}</Alert>
      ) : (
        <PostForm className="form-grid">
          <p className="kern-body">{t("reset.intro")}</p>
          <Field name="email" type="email" label={t("login.email")} required autoComplete="email" />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("reset.submit")}</span>
            </button>
          </div>
        </PostForm>
      )}
    </main>
  );
}
