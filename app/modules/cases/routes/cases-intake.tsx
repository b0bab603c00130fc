import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-intake";
import { errorText, failureErrors, fieldErrors, tenantContext } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { ActionForm, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { intakeClient } from "../core/clients";
import { identityDoc, RESIDENCE_TITLES } from "../core/documents";
import { caseTx, requireCaseSeat } from "./session.server";
import { given, identityFrom } from "./forms.server";

// Intake: a case worker registers a client at their own institution and site. The identity is
// encrypted under the client's new key before it reaches the database.

/** Intake is for case workers with a site (the database refuses anyone else anyway). */
async function requireIntakeSeat(context: Parameters<typeof requireCaseSeat>[0], request: Request) {
  const seat = await requireCaseSeat(context, request);
  if (!["coordination", "specialist"].includes(seat.role) || !seat.siteName)
    throw data({ message: errorText(context, "cases.errors.notAllowed") }, { status: 403 });
  return seat;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireIntakeSeat(context, request);
  return { slug: context.get(tenantContext).tenant.slug, today: todayBerlin() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const seat = await requireIntakeSeat(context, request);
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const fail = (errors: Record<string, string>) => data({ errors, values: formValues(f) }, { status: 400 });
  const identity = identityDoc.safeParse(identityFrom(f));
  if (!identity.success) return fail(fieldErrors(context, identity.error.issues));
  const title = given(f, "residenceTitle");
  const intakeDate = String(f.get("intakeDate") ?? "");
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(intakeDate))
    return fail({ intakeDate: errorText(context, "cases.errors.date") });
  const r = await caseTx(context, seat, (tx, me) =>
    intakeClient(tx, me, {
      identity: identity.data,
      intakeDate,
      residenceTitle: RESIDENCE_TITLES.find((x) => x === title),
    }),
  );
  if (!r.ok) return fail(failureErrors(context, r));
  return redirect(`/t/${tenant.slug}/verwaltung/fallarbeit/fall/${r.value.id}?ok=neu`);
}

export default function CaseIntake({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const e = a?.errors as Record<string, string> | undefined;
  return (
    <>
      <PageTitle>{t("cases.intake.title")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit`}>
          {t("cases.client.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("cases.intake.title")}</h1>
      <p className="kern-body">{t("cases.intake.intro")}</p>
      <ActionForm intent="intake" errors={e} submit={t("cases.intake.submit")} primary>
        <IdentityFields errors={e} />
        <Select
          name="residenceTitle"
          label={t("cases.intake.residenceTitle")}
          options={[
            { value: "", label: t("cases.intake.choose") },
            ...RESIDENCE_TITLES.map((x) => ({ value: x, label: t(`cases.titles.${x}`) })),
          ]}
          error={e?.residenceTitle}
        />
        <Field
          name="intakeDate"
          type="date"
          label={t("cases.intake.intakeDate")}
          defaultValue={d.today}
          error={e?.intakeDate}
          required
        />
      </ActionForm>
    </>
  );
}

/** The identity fields, for intake and for editing the identity later. */
export function IdentityFields({
  errors: e,
  values,
}: {
  errors?: Record<string, string>;
  values?: Record<string, string | undefined>;
}) {
  const t = useT();
  const v = (k: string) => values?.[k];
  return (
    <>
      <Field
        name="familyName"
        label={t("cases.intake.familyName")}
        defaultValue={v("familyName")}
        error={e?.familyName}
        required
        autoComplete="off"
      />
      <Field
        name="givenNames"
        label={t("cases.intake.givenNames")}
        defaultValue={v("givenNames")}
        error={e?.givenNames}
        required
        autoComplete="off"
      />
      <Field
        name="nativeName"
        label={t("cases.intake.nativeName")}
        hint={t("cases.intake.nativeNameHint")}
        defaultValue={v("nativeName")}
        error={e?.nativeName}
        autoComplete="off"
      />
      <Field
        name="birthDate"
        type="date"
        label={t("cases.intake.birthDate")}
        hint={t("cases.intake.dateHint")}
        defaultValue={v("birthDate")}
        error={e?.birthDate}
        required
        autoComplete="off"
      />
      <Field
        name="nationality"
        label={t("cases.intake.nationality")}
        hint={t("cases.intake.nationalityHint")}
        defaultValue={v("nationality")}
        error={e?.nationality}
        autoComplete="off"
      />
      <Select
        name="gender"
        label={t("cases.intake.gender")}
        options={[
          { value: "", label: t("cases.intake.choose") },
          ...(["f", "m", "d", "x"] as const).map((g) => ({ value: g, label: t(`cases.intake.genders.${g}`) })),
        ]}
        defaultValue={v("gender")}
        error={e?.gender}
      />
      <Field
        name="phone"
        type="tel"
        label={t("cases.intake.phone")}
        defaultValue={v("phone")}
        error={e?.phone}
        autoComplete="off"
      />
      <Field
        name="email"
        type="email"
        label={t("cases.intake.email")}
        defaultValue={v("email")}
        error={e?.email}
        autoComplete="off"
      />
      <Field
        name="street"
        label={t("cases.intake.street")}
        defaultValue={v("street")}
        error={e?.street}
        autoComplete="off"
      />
      <Field
        name="postcode"
        label={t("cases.intake.postcode")}
        defaultValue={v("postcode")}
        error={e?.postcode}
        inputMode="numeric"
        autoComplete="off"
      />
      <Field name="city" label={t("cases.intake.city")} defaultValue={v("city")} error={e?.city} autoComplete="off" />
      <Field
        name="languageOfContact"
        label={t("cases.intake.languageOfContact")}
        hint={t("cases.intake.languageHint")}
        defaultValue={v("languageOfContact")}
        error={e?.languageOfContact}
        autoComplete="off"
      />
    </>
  );
}
