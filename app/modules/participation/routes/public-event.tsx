import "./strings";
import { Content } from "~/kernel/ui/content";
import { data, Link } from "react-router";
import type { Route } from "./+types/public-event";
import { failureErrors, fieldErrors, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import {
  Alert,
  Checkbox,
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  Select,
  SubmittedValues,
  PostForm,
} from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { publicEvent, register } from "../events";
import { ORGANISATION_TYPES, RegistrationInput, RETENTION_MONTHS } from "../events-schema";
import { EventFacts } from "../events-ui";
import { optional } from "../http.server";
import "../participation.css";

const notFound = (context: Route.LoaderArgs["context"]) =>
  data({ message: tFor(context)("participation.eventErrors.notFound") }, { status: 404 });

export async function loader({ params, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const e = await publicEvent(tx, params.id);
    if (!e) throw notFound(context);
    // Only what the public may see: seats left, never who registered or waits.
    return {
      slug: tenant.slug,
      event: {
        id: e.id,
        title: e.title,
        description: e.description,
        processId: e.processId,
        processTitle: e.processTitle,
        startsAt: e.startsAt.toISOString(),
        endsAt: e.endsAt.toISOString(),
        mode: e.mode,
        venueAddress: e.venueAddress,
        barrierFree: e.barrierFree,
        publicTransport: e.publicTransport,
        venueNotes: e.venueNotes,
        onlineLink: e.onlineLink,
        audience: e.audience,
        childcare: e.childcare,
        interpreterLanguages: e.interpreterLanguages,
        signLanguage: e.signLanguage,
        easyLanguage: e.easyLanguage,
        expenseRefund: e.expenseRefund,
        supportNotes: e.supportNotes,
      },
      seatsLeft: Math.max(0, e.capacity - e.confirmed),
      past: e.endsAt <= new Date(),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const parsed = RegistrationInput.safeParse({
    name: f.get("name"),
    email: String(f.get("email") ?? "").trim(),
    organisation: optional(f.get("organisation")),
    organisationType: optional(f.get("organisationType")),
    needsInterpreter: optional(f.get("needsInterpreter")),
    needsChildcare: f.get("needsChildcare") === "1",
    needsNotes: optional(f.get("needsNotes")),
    consent: f.get("consent") === "1",
  });
  if (!parsed.success)
    return data({ errors: fieldErrors(context, parsed.error.issues), values: formValues(f) }, { status: 400 });
  const r = await tenantTx(context, (tx) => register(tx, params.id, parsed.data, tenant.slug));
  if (!r.ok) {
    if (r.error.code === "participation.eventErrors.notFound") throw notFound(context);
    return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  }
  return { status: r.value.status };
}

export default function PublicEvent({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const e = d.event;
  const errors = actionData && "errors" in actionData ? (actionData.errors as Record<string, string>) : undefined;
  const done = actionData && "status" in actionData ? actionData.status : null;
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{e.title}</PageTitle>
      <h1 className="kern-heading-large">
        <Content>{e.title}</Content>
      </h1>
      {e.processId && (
        <p className="kern-body">
          {t("participation.events.partOf")}{" "}
          <Link className="kern-link" to={`/t/${d.slug}/beteiligung/${e.processId}`}>
            {e.processTitle}
          </Link>
        </p>
      )}
      {e.description && (
        <p className="kern-body">
          <Content>{e.description}</Content>
        </p>
      )}
      <EventFacts e={e} />
      <p className="kern-body">
        <a className="kern-link" href={`/t/${d.slug}/veranstaltungen/${e.id}/termin.ics`}>
          {t("participation.events.ics")}
        </a>
      </p>
      <section aria-labelledby="anmeldung">
        <h2 id="anmeldung" className="kern-heading-medium">
          {t("participation.events.register.title")}
        </h2>
        {done ? (
          <Alert kind="success">
            {t(
              done === "confirmed"
                ? "participation.events.register.confirmed"
                : "participation.events.register.waitlisted",
            )}
          </Alert>
        ) : d.past ? (
          <p className="kern-body">{t("participation.events.register.past")}</p>
        ) : (
          <>
            <p className="kern-body">
              {d.seatsLeft > 0
                ? t("participation.events.register.seatsLeft", { count: d.seatsLeft })
                : t("participation.events.register.full")}
            </p>
            <PostForm className="form-grid" noValidate>
              <ErrorSummary errors={errors} />
              <SubmittedValues values={actionData && "values" in actionData ? actionData.values : undefined}>
                <Field
                  name="name"
                  label={t("participation.events.register.name")}
                  required
                  autoComplete="name"
                  error={errors?.name}
                />
                <Field
                  name="email"
                  type="email"
                  label={t("participation.events.register.email")}
                  required
                  autoComplete="email"
                  error={errors?.email}
                />
                <Field
                  name="organisation"
                  label={t("participation.events.register.organisation")}
                  autoComplete="organization"
                  error={errors?.organisation}
                />
                <Select
                  name="organisationType"
                  label={t("participation.events.register.organisationType")}
                  defaultValue=""
                  error={errors?.organisationType}
                  options={[
                    { value: "", label: t("participation.events.register.noOrganisationType") },
                    ...ORGANISATION_TYPES.map((o) => ({
                      value: o,
                      label: t(`participation.events.organisationTypes.${o}`),
                    })),
                  ]}
                />
                <Field
                  name="needsInterpreter"
                  label={t("participation.events.register.needsInterpreter")}
                  hint={t("participation.events.register.needsInterpreterHint")}
                  error={errors?.needsInterpreter}
                />
                <Checkbox name="needsChildcare" label={t("participation.events.register.needsChildcare")} />
                <Field
                  name="needsNotes"
                  type="textarea"
                  label={t("participation.events.register.needsNotes")}
                  error={errors?.needsNotes}
                />
                <p className="kern-body" id="consent-text">
                  {t("participation.events.register.consentText", { months: RETENTION_MONTHS })}
                </p>
                <Checkbox name="consent" label={t("participation.events.register.consent")} />
                {errors?.consent && <p className="kern-body kern-error">{errors.consent}</p>}
              </SubmittedValues>
              <div>
                <button type="submit" className="kern-btn kern-btn--primary">
                  <span className="kern-label">{t("participation.events.register.submit")}</span>
                </button>
              </div>
            </PostForm>
          </>
        )}
      </section>
    </main>
  );
}
