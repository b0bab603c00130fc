import { Link, data, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/second-factor";
import { appContext, failureErrors, requestContext, requireUser, tFor } from "../http/context";
import {
  confirmEnrolment,
  disableSecondFactor,
  enrolmentState,
  recoveryCodesLeft,
  regenerateRecoveryCodes,
  startEnrolment,
} from "../auth/second-factor";
import { groupSecret, otpauthUri } from "../auth/totp";
import { qrDataUrl } from "../auth/qr.server";
import { ActionForm, Alert, Field, PageTitle } from "../ui/forms";
import type { Failure } from "../errors";
import { useT } from "../ui/hooks";
import { safeNext } from "./login";
import "../auth/strings";

// /konto/zweiter-faktor: set up TOTP (secret + QR code, confirmed with one code), see the recovery
// codes once, make new ones, switch it off (decision 0045). Works without JavaScript.
const ISSUER = "Teilhabe";

const Code = z.string().trim().min(1).max(40);
const Forms = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("confirm"), code: Code }),
  // Both forms are on one page: their code fields need names (and so ids) of their own.
  z.object({ intent: z.literal("regenerate"), regenerateCode: Code }),
  z.object({ intent: z.literal("disable"), password: z.string().min(1), disableCode: Code }),
]);
const CODE_FIELD: Record<string, string> = { regenerate: "regenerateCode", disable: "disableCode" };

/** A service failure as form errors, its "code" field named as in the intent's form. */
function errorsOf(context: Route.ActionArgs["context"], intent: string, f: Failure): Record<string, string> {
  return Object.fromEntries(
    Object.entries(failureErrors(context, f)).map(([k, v]) => [k === "code" ? (CODE_FIELD[intent] ?? k) : k, v]),
  );
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const u = requireUser(context, request);
  const { db } = context.get(appContext);
  const state = await enrolmentState(db, u.id);
  const setup =
    !state.enrolled && state.secret
      ? { secret: groupSecret(state.secret), qr: await qrDataUrl(otpauthUri(state.secret, u.email, ISSUER)) }
      : null;
  return {
    enrolled: state.enrolled,
    setup,
    left: state.enrolled ? await recoveryCodesLeft(db, u.id) : 0,
    requiredBy: u.memberships.filter((m) => m.requireSecondFactor).map((m) => m.tenantName),
    requiredPlatform: u.isSuperadmin,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const u = requireUser(context, request);
  const fd = await request.formData();
  const form = Forms.safeParse(Object.fromEntries(fd));
  const intent = String(fd.get("intent") ?? "");
  if (!form.success)
    return data(
      {
        intent,
        errors: { code: tFor(context)("secondFactor.errors.codeInvalid") } as Record<string, string>,
        codes: null,
      },
      { status: 400 },
    );
  const { db, ip } = context.get(appContext);
  const f = form.data;
  if (f.intent === "start") {
    const r = await startEnrolment(db, u.id);
    if (!r.ok) return data({ intent, errors: failureErrors(context, r), codes: null }, { status: 409 });
    const url = new URL(request.url);
    throw redirect(url.pathname + url.search);
  }
  if (f.intent === "disable") {
    const r = await disableSecondFactor(db, u, f.password, f.disableCode, ip);
    if (!r.ok) return data({ intent, errors: errorsOf(context, intent, r), codes: null }, { status: 401 });
    return { intent, errors: null, codes: null };
  }
  const r =
    f.intent === "confirm"
      ? await confirmEnrolment(db, u, context.get(requestContext).sessionToken, f.code, ip)
      : await regenerateRecoveryCodes(db, u, f.regenerateCode, ip);
  if (!r.ok) return data({ intent, errors: errorsOf(context, intent, r), codes: null }, { status: 401 });
  return { intent, errors: null, codes: r.value };
}

export default function SecondFactor({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const weiter = params.get("weiter");
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : null);
  return (
    <main id="inhalt" className="kern-container page">
      <PageTitle>{t("secondFactor.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("secondFactor.title")}</h1>
      {d.requiredPlatform && !d.enrolled && <Alert kind="warning">{t("secondFactor.requiredPlatform")}</Alert>}
      {d.requiredBy.length > 0 && !d.enrolled && (
        <Alert kind="warning">{t("secondFactor.requiredNotice", { tenants: d.requiredBy.join(", ") })}</Alert>
      )}
      {actionData?.intent === "disable" && !actionData.errors && (
        <Alert kind="success">{t("secondFactor.disabled")}</Alert>
      )}
      <p className="kern-body">{t("secondFactor.intro")}</p>

      {actionData?.codes && (
        <section aria-labelledby="sf-codes">
          <h2 id="sf-codes" className="kern-heading-medium">
            {t("secondFactor.recoveryTitle")}
          </h2>
          <Alert kind="warning">{t("secondFactor.recoveryText")}</Alert>
          <ul className="kern-list" data-recovery-codes="">
            {actionData.codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          {weiter && (
            <p>
              <Link className="kern-link" to={safeNext(weiter)}>
                {t("secondFactor.continue")}
              </Link>
            </p>
          )}
        </section>
      )}

      {d.enrolled ? (
        <>
          <Alert kind="success">{t("secondFactor.enrolled")}</Alert>
          <p className="kern-body">{t("secondFactor.recoveryLeft", { count: d.left })}</p>
          <section aria-labelledby="sf-regenerate">
            <h2 id="sf-regenerate" className="kern-heading-medium">
              {t("secondFactor.regenerateTitle")}
            </h2>
            <p className="kern-body">{t("secondFactor.regenerateText")}</p>
            <ActionForm intent="regenerate" errors={errorsFor("regenerate")} submit={t("secondFactor.regenerate")}>
              <Field
                name="regenerateCode"
                label={t("secondFactor.codeOrRecovery")}
                required
                autoComplete="one-time-code"
                error={errorsFor("regenerate")?.regenerateCode}
              />
            </ActionForm>
          </section>
          <section aria-labelledby="sf-disable">
            <h2 id="sf-disable" className="kern-heading-medium">
              {t("secondFactor.disableTitle")}
            </h2>
            <p className="kern-body">{t("secondFactor.disableText")}</p>
            <ActionForm intent="disable" errors={errorsFor("disable")} submit={t("secondFactor.disable")}>
              <Field
                name="password"
                type="password"
                label={t("secondFactor.password")}
                required
                autoComplete="current-password"
                error={errorsFor("disable")?.password}
              />
              <Field
                name="disableCode"
                label={t("secondFactor.codeOrRecovery")}
                required
                autoComplete="one-time-code"
                error={errorsFor("disable")?.disableCode}
              />
            </ActionForm>
          </section>
        </>
      ) : (
        <>
          <p className="kern-body">{t("secondFactor.notEnrolled")}</p>
          {d.setup && (
            <section aria-labelledby="sf-setup">
              <h2 id="sf-setup" className="kern-heading-medium">
                {t("secondFactor.start")}
              </h2>
              <p className="kern-body">{t("secondFactor.step1")}</p>
              <img src={d.setup.qr} alt={t("secondFactor.qrAlt")} width={200} height={200} />
              <p className="kern-body">
                {t("secondFactor.secret")}: <code data-secret="">{d.setup.secret}</code>
              </p>
              <p className="kern-body">{t("secondFactor.step2")}</p>
              <ActionForm intent="confirm" errors={errorsFor("confirm")} submit={t("secondFactor.confirm")} primary>
                <Field
                  name="code"
                  label={t("secondFactor.code")}
                  required
                  autoComplete="one-time-code"
                  inputMode="numeric"
                />
              </ActionForm>
            </section>
          )}
          <ActionForm
            intent="start"
            errors={errorsFor("start")}
            submit={t(d.setup ? "secondFactor.restart" : "secondFactor.start")}
            primary={!d.setup}
          >
            {null}
          </ActionForm>
        </>
      )}
    </main>
  );
}
