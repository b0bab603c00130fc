import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-edit";
import { requestContext, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { config } from "~/kernel/config";
import { listOrganisations } from "~/kernel/organisations/service";
import { roleAtLeast } from "~/kernel/roles";
import {
  Alert,
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  Select,
  SubmittedValues,
  valueOf,
  PostForm,
} from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { actorOf } from "../http";
import {
  archiveEntry,
  confirmEntry,
  createEntry,
  getEntryForEditing,
  placeFields,
  updateEntry,
  type EntryInput,
} from "../service";
import { parseEntryForm } from "../form";
import { atlasTerms } from "../terms";
import {
  CONTENT_LANGUAGES,
  CATCHMENTS,
  COSTS,
  ENTRY_KINDS,
  GERMAN_LEVELS,
  MAX_PLACES,
  NATIVE_NAMES,
  OFFER_LANGUAGES,
  dirOf,
  htmlLang,
} from "../taxonomy";
import { CheckboxGroup } from "../form-ui";
import { PointPicker } from "../point-picker";
import "../atlas.css";

/** A point that came with the address, not typed: from the register or the geocoder. */
const fromAddress = (p: { pointSource: string | null }): p is { pointSource: "register" | "geocoder" } =>
  p.pointSource === "register" || p.pointSource === "geocoder";

export async function loader({ params, context, request }: Route.LoaderArgs) {
  requireRole(context, "partner");
  const actor = actorOf(context);
  const staff = roleAtLeast(actor.role ?? undefined, "editor");
  const { tenant } = context.get(tenantContext);
  const flash = new URL(request.url).searchParams.get("ok");
  return tenantTx(context, async (tx) => {
    const organisations = staff ? (await listOrganisations(tx)).map((o) => ({ id: o.id, name: o.name })) : [];
    // The tenant's Handlungsfelder and target groups (kernel taxonomy, decision 0037).
    const terms = await atlasTerms(tx, context.get(requestContext).lang);
    if (!params.id) return { slug: tenant.slug, staff, organisations, terms, entry: null, flash };
    const r = await getEntryForEditing(tx, actor, params.id);
    if (!r.ok)
      throw data(
        { message: tFor(context)(r.error === "forbidden" ? "atlas.staff.forbidden" : "atlas.staff.notFound") },
        { status: r.error === "forbidden" ? 403 : 404 },
      );
    const v = r.value;
    // A partner continues from their pending version, so a second edit does not lose the first.
    const pending = v.pending ? (v.pending.payload as EntryInput) : null;
    const form: EntryInput = pending ?? {
      kind: v.entry.kind,
      organisationId: v.entry.organisationId,
      handlungsfelder: v.entry.handlungsfelder as never,
      targetGroups: v.entry.targetGroups as never,
      languages: v.entry.languages as never,
      germanLevel: v.entry.germanLevel,
      cost: v.entry.cost,
      catchment: v.entry.catchment,
      costNote: v.entry.costNote,
      schedule: v.entry.schedule,
      accessibility: v.entry.accessibility,
      contactName: v.entry.contactName,
      contactEmail: v.entry.contactEmail,
      contactPhone: v.entry.contactPhone,
      website: v.entry.website,
      networkMembers: v.entry.networkMembers,
      coordinator: v.entry.coordinator,
      meetingRhythm: v.entry.meetingRhythm,
      validFrom: v.entry.validFrom,
      validUntil: v.entry.validUntil,
      translations: Object.fromEntries(
        v.translations.map((x) => [x.lang, { title: x.title, description: x.description }]),
      ),
      // A point from the address register or the geocoder is not shown as typed coordinates: it follows
      // the address (looked up again when it changes). Typed coordinates set it by hand.
      places: v.places.map((p) => ({
        ...placeFields(p),
        lat: fromAddress(p) ? null : p.lat,
        lon: fromAddress(p) ? null : p.lon,
      })),
    };
    const located = v.places.map((p) =>
      fromAddress(p) ? p.pointSource : p.lat === null && p.street?.trim() ? ("none" as const) : null,
    );
    // The saved point the form does not show (see above): where the map picker starts.
    const stored = v.places.map((p) => (p.lat !== null && p.lon !== null ? { lat: p.lat, lon: p.lon } : null));
    return {
      slug: tenant.slug,
      staff,
      organisations,
      terms,
      flash,
      located,
      geocoder: !!config().geocoder,
      stored,
      entry: {
        id: v.entry.id,
        status: v.entry.status,
        lastConfirmedAt: v.entry.lastConfirmedAt.toISOString(),
        hasPending: !!v.pending,
        rejection: v.lastRejection?.reason ?? null,
        form,
      },
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "partner");
  const actor = actorOf(context);
  const t = tFor(context);
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "save");
  const fail = (error: string) => {
    const status = error === "forbidden" ? 403 : error === "not_found" ? 404 : 400;
    const key =
      error === "forbidden"
        ? "atlas.staff.forbidden"
        : error === "not_found"
          ? "atlas.staff.notFound"
          : error === "invalid_terms"
            ? "atlas.formErrors.unknownTerm"
            : "atlas.staff.invalidOrg";
    return data({ errors: { _form: t(key) } as Record<string, string>, values: formValues(f) }, { status });
  };
  if (params.id && (intent === "confirm" || intent === "archive")) {
    const r = await tenantTx(context, (tx) =>
      (intent === "confirm" ? confirmEntry : archiveEntry)(tx, actor, params.id!),
    );
    if (!r.ok) return fail(r.error);
    return redirect(
      `/t/${tenant.slug}/verwaltung/angebote/${params.id}?ok=${intent === "confirm" ? "confirmed" : "archived"}`,
    );
  }
  const parsed = parseEntryForm(f, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: formValues(f) }, { status: 400 });
  const r = await tenantTx(context, (tx) =>
    params.id ? updateEntry(tx, actor, params.id, parsed.data) : createEntry(tx, actor, parsed.data),
  );
  if (!r.ok) return fail(r.error);
  const id = params.id ?? (r.value as unknown as { id: string }).id;
  const staff = roleAtLeast(actor.role ?? undefined, "editor");
  return redirect(`/t/${tenant.slug}/verwaltung/angebote/${id}?ok=${staff ? "saved" : "submitted"}`);
}

export default function StaffEdit({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const errors = (actionData?.errors ?? undefined) as Record<string, string> | undefined;
  // After a failed submit the controls show what was sent (SubmittedValues), else the stored version.
  const typed = actionData?.values;
  const v = (d.entry?.form ?? null) as
    | (Partial<EntryInput> & {
        translations?: Record<string, { title: string; description: string }>;
        places?: Record<string, unknown>[];
      })
    | null;
  const tr = (l: string) => v?.translations?.[l as keyof typeof v.translations];
  const title = d.entry ? t("atlas.staff.edit") : t("atlas.staff.new");
  const flashKey = d.flash && ["saved", "submitted", "confirmed", "archived"].includes(d.flash) ? d.flash : null;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/angebote`}>
          {t("atlas.staff.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">
        {title}
        {tr("de")?.title ? `: ${tr("de")!.title}` : ""}
      </h1>
      {flashKey && <Alert kind="success">{t(`atlas.staff.${flashKey}`)}</Alert>}
      {d.entry && (
        <div className="stack">
          <p className="kern-body">
            {t("atlas.staff.status")}: <strong>{t(`atlas.staff.statusValues.${d.entry.status}`)}</strong>
            {d.entry.hasPending && <> · {t("atlas.staff.changePending")}</>} · {t("atlas.staff.lastConfirmed")}{" "}
            {fmt.date(d.entry.lastConfirmedAt)}
          </p>
          {d.entry.rejection && (
            <Alert kind="warning">{t("atlas.staff.rejectedBecause", { reason: d.entry.rejection })}</Alert>
          )}
          {d.entry.hasPending && !d.staff && <p className="kern-body--small">{t("atlas.staff.pendingVersion")}</p>}
          <div className="actions">
            {d.entry.status === "published" && (
              <Link className="kern-link" to={`/t/${d.slug}/angebote/${d.entry.id}`}>
                {t("atlas.staff.viewPublic")}
              </Link>
            )}
            <PostForm>
              <input type="hidden" name="intent" value="confirm" />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t("atlas.staff.confirm")}</span>
              </button>
            </PostForm>
            {d.entry.status !== "archived" && (
              <PostForm>
                <input type="hidden" name="intent" value="archive" />
                <button type="submit" className="kern-btn kern-btn--tertiary">
                  <span className="kern-label">{t("atlas.staff.archive")}</span>
                </button>
              </PostForm>
            )}
          </div>
        </div>
      )}
      <PostForm className="atlas-form stack" noValidate>
        <input type="hidden" name="intent" value="save" />
        <ErrorSummary errors={errors} />
        <SubmittedValues values={typed}>
          <fieldset className="kern-fieldset">
            <legend className="kern-heading-small">{t("atlas.form.basics")}</legend>
            <div className="atlas-grid2">
              <Select
                name="kind"
                label={t("atlas.form.kind")}
                required
                defaultValue={v?.kind ?? "offer"}
                error={errors?.kind}
                options={ENTRY_KINDS.map((k) => ({ value: k, label: t(`atlas.kind.${k}`) }))}
              />
              {d.staff && (
                <Select
                  name="organisationId"
                  label={t("atlas.form.organisation")}
                  defaultValue={v?.organisationId ?? ""}
                  error={errors?.organisationId}
                  options={[
                    { value: "", label: t("atlas.form.noOrganisation") },
                    ...d.organisations.map((o) => ({ value: o.id, label: o.name })),
                  ]}
                />
              )}
            </div>
          </fieldset>
          <fieldset className="kern-fieldset">
            <legend className="kern-heading-small">{t("atlas.form.texts")}</legend>
            <p className="kern-hint">{t("atlas.form.textsHint")}</p>
            {CONTENT_LANGUAGES.map((l) => {
              const body = (
                <div className="stack" lang={htmlLang(l)} dir={dirOf(l)}>
                  <Field
                    name={`title_${l}`}
                    label={t("atlas.form.titleIn", { lang: NATIVE_NAMES[l] })}
                    required={l === "de"}
                    defaultValue={tr(l)?.title}
                    error={errors?.[`title_${l}`]}
                  />
                  <Field
                    name={`desc_${l}`}
                    type="textarea"
                    label={t("atlas.form.descriptionIn", { lang: NATIVE_NAMES[l] })}
                    defaultValue={tr(l)?.description}
                    error={errors?.[`desc_${l}`]}
                  />
                </div>
              );
              return l === "de" ? (
                <div key={l}>{body}</div>
              ) : (
                <details
                  key={l}
                  open={!!(typed ? valueOf(typed, `title_${l}`) : tr(l)?.title) || !!errors?.[`title_${l}`]}
                >
                  <summary>{NATIVE_NAMES[l]}</summary>
                  {body}
                </details>
              );
            })}
          </fieldset>
          <fieldset className="kern-fieldset">
            <legend className="kern-heading-small">{t("atlas.form.classification")}</legend>
            <CheckboxGroup
              name="handlungsfelder"
              legend={t("atlas.form.handlungsfelder")}
              values={(v?.handlungsfelder as string[]) ?? []}
              error={errors?.handlungsfelder}
              options={d.terms.hf.map((h) => ({ value: h.code, label: h.label }))}
            />
            <CheckboxGroup
              name="targetGroups"
              legend={t("atlas.form.targetGroups")}
              values={(v?.targetGroups as string[]) ?? []}
              error={errors?.targetGroups}
              options={d.terms.tg.map((g) => ({ value: g.code, label: g.label }))}
            />
            <CheckboxGroup
              name="languages"
              legend={t("atlas.form.languages")}
              values={(v?.languages as string[]) ?? ["de"]}
              error={errors?.languages}
              options={OFFER_LANGUAGES.map((l) => ({ value: l, label: NATIVE_NAMES[l], lang: l === "dgs" ? "de" : l }))}
            />
            <div className="atlas-grid2">
              <Select
                name="germanLevel"
                label={t("atlas.form.germanLevel")}
                required
                defaultValue={v?.germanLevel ?? "good"}
                error={errors?.germanLevel}
                options={GERMAN_LEVELS.map((g) => ({ value: g, label: t(`atlas.germanLevel.${g}`) }))}
              />
              <Select
                name="cost"
                label={t("atlas.form.cost")}
                required
                defaultValue={v?.cost ?? "free"}
                error={errors?.cost}
                options={COSTS.map((c) => ({ value: c, label: t(`atlas.cost.${c}`) }))}
              />
            </div>
            <Select
              name="catchment"
              label={t("atlas.form.catchment")}
              hint={t("atlas.form.catchmentHint")}
              required
              defaultValue={v?.catchment ?? "local"}
              error={errors?.catchment}
              options={CATCHMENTS.map((c) => ({ value: c, label: t(`atlas.catchment.${c}`) }))}
            />
            <Field
              name="costNote"
              label={t("atlas.form.costNote")}
              defaultValue={v?.costNote}
              error={errors?.costNote}
            />
          </fieldset>
          <fieldset className="kern-fieldset">
            <legend className="kern-heading-small">{t("atlas.form.details")}</legend>
            <Field
              name="schedule"
              label={t("atlas.form.schedule")}
              defaultValue={v?.schedule}
              error={errors?.schedule}
            />
            <Field
              name="accessibility"
              type="textarea"
              label={t("atlas.form.accessibility")}
              defaultValue={v?.accessibility}
              error={errors?.accessibility}
            />
            <div className="atlas-grid2">
              <Field
                name="contactName"
                label={t("atlas.form.contactName")}
                defaultValue={v?.contactName}
                error={errors?.contactName}
              />
              <Field
                name="contactEmail"
                type="email"
                label={t("atlas.form.contactEmail")}
                defaultValue={v?.contactEmail}
                error={errors?.contactEmail}
              />
              <Field
                name="contactPhone"
                type="tel"
                label={t("atlas.form.contactPhone")}
                defaultValue={v?.contactPhone}
                error={errors?.contactPhone}
              />
              <Field
                name="website"
                type="url"
                label={t("atlas.form.website")}
                defaultValue={v?.website}
                error={errors?.website}
              />
              <Field
                name="validFrom"
                label={t("atlas.form.validFrom")}
                hint={t("atlas.form.dateHint")}
                defaultValue={v?.validFrom}
                error={errors?.validFrom}
              />
              <Field
                name="validUntil"
                label={t("atlas.form.validUntil")}
                hint={t("atlas.form.dateHint")}
                defaultValue={v?.validUntil}
                error={errors?.validUntil}
              />
            </div>
          </fieldset>
          <fieldset className="kern-fieldset">
            <legend className="kern-heading-small">{t("atlas.form.network")}</legend>
            <Field
              name="networkMembers"
              type="textarea"
              label={t("atlas.form.networkMembers")}
              defaultValue={v?.networkMembers}
              error={errors?.networkMembers}
            />
            <div className="atlas-grid2">
              <Field
                name="coordinator"
                label={t("atlas.form.coordinator")}
                defaultValue={v?.coordinator}
                error={errors?.coordinator}
              />
              <Field
                name="meetingRhythm"
                label={t("atlas.form.meetingRhythm")}
                defaultValue={v?.meetingRhythm}
                error={errors?.meetingRhythm}
              />
            </div>
          </fieldset>
          <fieldset className="kern-fieldset">
            <legend className="kern-heading-small">{t("atlas.form.places")}</legend>
            {Array.from({ length: MAX_PLACES }, (_, i) => {
              const p = (v?.places?.[i] ?? {}) as Record<string, string | number | null>;
              const f = (k: string) => (p[k] ?? null) as string | number | null;
              return (
                <fieldset key={i} className="kern-fieldset">
                  <legend className="kern-label">{t("atlas.form.place", { n: i + 1 })}</legend>
                  <div className="atlas-grid2">
                    <Field
                      name={`place${i}_label`}
                      label={t("atlas.form.placeLabel")}
                      defaultValue={f("label")}
                      error={errors?.[`place${i}_label`]}
                    />
                    <Field
                      name={`place${i}_street`}
                      label={t("atlas.form.street")}
                      hint={t("atlas.form.streetHint")}
                      defaultValue={f("street")}
                      error={errors?.[`place${i}_street`]}
                    />
                    <Field
                      name={`place${i}_postcode`}
                      label={t("atlas.form.postcode")}
                      inputMode="numeric"
                      defaultValue={f("postcode")}
                      error={errors?.[`place${i}_postcode`]}
                    />
                    <Field
                      name={`place${i}_city`}
                      label={t("atlas.form.city")}
                      defaultValue={f("city")}
                      error={errors?.[`place${i}_city`]}
                    />
                    <Field
                      name={`place${i}_lat`}
                      label={t("atlas.form.lat")}
                      hint={t("atlas.form.coordHint")}
                      inputMode="decimal"
                      defaultValue={f("lat")}
                      error={errors?.[`place${i}_lat`]}
                    />
                    <Field
                      name={`place${i}_lon`}
                      label={t("atlas.form.lon")}
                      hint={t("atlas.form.coordHint")}
                      inputMode="decimal"
                      defaultValue={f("lon")}
                      error={errors?.[`place${i}_lon`]}
                    />
                    {d.located?.[i] && (
                      <p className="kern-body" id={`place${i}-point`}>
                        {d.located[i] === "none" ? (
                          <strong>
                            {t(d.geocoder ? "atlas.form.pointMissingGeocoder" : "atlas.form.pointMissing")}
                          </strong>
                        ) : (
                          t(
                            d.located[i] === "geocoder"
                              ? "atlas.form.pointFromGeocoder"
                              : "atlas.form.pointFromRegister",
                          )
                        )}
                      </p>
                    )}
                    <Field
                      name={`place${i}_areaName`}
                      label={t("atlas.form.areaName")}
                      hint={t("atlas.form.areaHint")}
                      defaultValue={f("areaName")}
                      error={errors?.[`place${i}_areaName`]}
                    />
                  </div>
                  <PointPicker index={i} slug={d.slug} stored={d.stored?.[i] ?? null} />
                </fieldset>
              );
            })}
          </fieldset>
        </SubmittedValues>
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{d.staff ? t("atlas.form.save") : t("atlas.form.submit")}</span>
          </button>
        </div>
      </PostForm>
    </>
  );
}
