import "./strings";
import type { ReactNode } from "react";
import { data, Form, Link, redirect, useLocation } from "react-router";
import type { Route } from "./+types/staff-body";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { isIsoDate, todayBerlin } from "~/kernel/dates";
import { listOrganisations } from "~/kernel/organisations/service";
import { ORGANISATION_KINDS, roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Checkbox, Field, formValues, PageTitle, Select, type FormValues } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { ChoiceList } from "~/kernel/ui/picker";
import { DataTable } from "~/kernel/ui/table";
import { BODY_FUNCTIONS, MEMBERSHIP_ROLES } from "../schema";
import {
  addMembership,
  addSeatRule,
  composition,
  endMembership,
  getBody,
  listBodies,
  listMemberships,
  MembershipInput,
  SeatRuleInput,
  type Seat,
} from "../service";
import { bodyNotFound, optional } from "../http.server";
import "../bodies.css";

const DONE = ["created", "rule", "member", "ended"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const q = new URL(request.url).searchParams;
  // The composition on the chosen day (?stichtag=YYYY-MM-DD), today without one or with a wrong one.
  const asked = q.get("stichtag");
  const day = asked && isIsoDate(asked) ? asked : todayBerlin();
  const canEdit = roleAtLeast(role, "editor");
  return tenantTx(context, async (tx) => {
    const body = await getBody(tx, params.id);
    if (!body) throw bodyNotFound(context);
    const [seats, terms] = await Promise.all([composition(tx, body.id, day), listMemberships(tx, body.id, day)]);
    const [orgs, others] = canEdit ? await Promise.all([listOrganisations(tx), listBodies(tx, day)]) : [[], []];
    const ok = q.get("ok");
    return {
      slug: tenant.slug,
      body,
      day,
      // Forms carry the chosen day back, so the page shows it again after they are sent.
      chosen: asked === day ? day : null,
      dayError: !!asked && asked !== day,
      done: DONE.find((x) => x === ok) ?? null,
      canEdit,
      seats,
      terms,
      orgs: orgs.map((o) => ({ value: o.id, label: o.name })),
      otherBodies: others.filter((b) => b.id !== body.id).map((b) => ({ value: b.id, label: b.name })),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const t = tFor(context);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const fail = (errors: Record<string, string>) =>
    data({ intent, errors, values: formValues(f) as FormValues | null }, { status: 400 });
  const body = await tenantTx(context, (tx) => getBody(tx, params.id));
  if (!body) throw bodyNotFound(context);
  const back = (done: (typeof DONE)[number]) => {
    const day = String(f.get("stichtag") ?? "");
    return redirect(
      `/t/${tenant.slug}/verwaltung/gremien/${body.id}?${isIsoDate(day) ? `stichtag=${day}&` : ""}ok=${done}`,
    );
  };

  if (intent === "rule") {
    const exOfficioBody = optional(f.get("exOfficioBodyId"));
    const seats = optional(f.get("seats"));
    const p = SeatRuleInput.safeParse({
      bodyId: body.id,
      label: f.get("label"),
      seats: seats === undefined ? undefined : Number(seats),
      voting: f.get("voting") === "1",
      organisationKinds: f.getAll("organisationKinds").map(String),
      organisationIds: f.getAll("organisationIds").map(String),
      exOfficio: exOfficioBody ? { bodyId: exOfficioBody, function: f.get("exOfficioFunction") } : undefined,
    });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => addSeatRule(tx, p.data));
    return r.ok ? back("rule") : fail(failureErrors(context, r));
  }
  if (intent === "member") {
    const p = MembershipInput.safeParse({
      bodyId: body.id,
      personName: f.get("personName"),
      email: optional(f.get("email")),
      phone: optional(f.get("phone")),
      contactConsent: f.get("contactConsent") === "1",
      organisationId: optional(f.get("organisationId")),
      role: optional(f.get("role")),
      function: optional(f.get("function")),
      seatRuleId: optional(f.get("seatRuleId")),
      deputyOf: optional(f.get("deputyOf")),
      startsOn: optional(f.get("startsOn")),
      endsOn: optional(f.get("endsOn")),
    });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => addMembership(tx, p.data));
    return r.ok ? back("member") : fail(failureErrors(context, r));
  }
  if (intent === "end") {
    // One form per term, each with its own field: the error names that field.
    const id = String(f.get("membershipId") ?? "");
    const r = await tenantTx(context, (tx) => endMembership(tx, id, String(f.get("endsOn") ?? ""), body.id));
    return r.ok ? back("ended") : fail({ [`end-${id}`]: failureErrors(context, r).endsOn });
  }
  return fail({ _form: t("errors.badRequest") });
}

/** The rows of one seat group: its holders, then "frei" for each empty seat. */
function SeatRows({ seat, first }: { seat: Seat; first: string }) {
  const t = useT();
  const rows = Math.max(seat.seats, seat.holders.length);
  return (
    <tbody className="kern-table__body">
      {Array.from({ length: rows }, (_, i) => {
        const h = seat.holders[i];
        return (
          <tr key={i} className="kern-table__row">
            {i === 0 && (
              <th scope="rowgroup" rowSpan={rows} className="kern-table__cell">
                {first}
              </th>
            )}
            <td className="kern-table__cell">{i + 1}</td>
            {h ? (
              <>
                <td className="kern-table__cell">{h.personName}</td>
                <td className="kern-table__cell">{h.organisation ?? "–"}</td>
                <td className="kern-table__cell">
                  {[h.exOfficio && t("bodies.body.exOfficio"), h.function && t(`bodies.functions.${h.function}`)]
                    .filter(Boolean)
                    .join(", ") || "–"}
                </td>
              </>
            ) : (
              <>
                <td className="kern-table__cell bodies-free">{t("bodies.body.free")}</td>
                <td className="kern-table__cell">–</td>
                <td className="kern-table__cell">–</td>
              </>
            )}
          </tr>
        );
      })}
    </tbody>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="kern-heading-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default function BodyPage({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  // The forms' controls are uncontrolled: each navigation (another day, a form sent) renders them
  // anew, so their defaults follow the page shown and not what was typed before.
  const fresh = useLocation().key;
  const b = d.body;
  const err = (intent: string) =>
    a?.intent === intent ? ((a.errors as Record<string, string> | null) ?? undefined) : undefined;
  const ruleErr = err("rule");
  const memberErr = err("member");
  const endErr = err("end");
  const members = d.terms.filter((m) => m.role === "member");
  const others = d.terms.filter((m) => m.role !== "member");
  const taken = d.seats.reduce((n, s) => n + Math.min(s.seats, s.holders.length), 0);
  const total = d.seats.reduce((n, s) => n + s.seats, 0);
  const date = fmt.date(d.day);
  const dayField: Record<string, string> = d.chosen ? { stichtag: d.chosen } : {};
  return (
    <>
      <PageTitle>{b.name}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/gremien`}>
          {t("bodies.body.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{b.name}</h1>
      {d.done && (
        <Alert kind="success">
          {t(
            {
              created: "bodies.body.created",
              rule: "bodies.body.ruleAdded",
              member: "bodies.body.memberAdded",
              ended: "bodies.body.ended",
            }[d.done],
          )}
        </Alert>
      )}
      <dl className="bodies-facts">
        <dt>{t("bodies.body.kind")}</dt>
        <dd>{t(`bodies.kinds.${b.kind}`)}</dd>
        <dt>{t("bodies.body.shortName")}</dt>
        <dd>{b.shortName ?? "–"}</dd>
        <dt>{t("bodies.body.secretariat")}</dt>
        <dd>{b.secretariat ?? "–"}</dd>
        <dt>{t("bodies.body.cadence")}</dt>
        <dd>{b.cadence ?? "–"}</dd>
      </dl>
      {b.description && <p className="kern-body">{b.description}</p>}
      {b.isDemo && <p className="kern-body kern-body--small">{t("bodies.body.demo")}</p>}
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/gremien/${b.id}/sitzungen`}>
          {t("bodies.meetings.link")}
        </Link>
      </p>

      <Form key={fresh} method="get" className="form-grid">
        <Field
          name="stichtag"
          type="date"
          label={t("bodies.body.day")}
          hint={t("bodies.body.dayHint")}
          required
          defaultValue={d.day}
          error={d.dayError ? t("bodies.errors.date") : undefined}
        />
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("bodies.body.show")}</span>
          </button>
        </div>
      </Form>

      <Section id="composition" title={t("bodies.body.composition", { date })}>
        {d.seats.length === 0 ? (
          <p className="kern-body">{t("bodies.body.noRules")}</p>
        ) : (
          <>
            <p className="kern-body">{t("bodies.body.rulesSummary", { taken, seats: total })}</p>
            <div className="table-wrap" tabIndex={0}>
              <table className="kern-table">
                <caption className="kern-sr-only">{t("bodies.body.composition", { date })}</caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">
                      {t("bodies.body.seatGroup")}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t("bodies.body.seat")}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t("bodies.body.holder")}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t("bodies.body.organisation")}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t("bodies.body.note")}
                    </th>
                  </tr>
                </thead>
                {d.seats.map((s) => (
                  <SeatRows
                    key={s.ruleId}
                    seat={s}
                    first={[s.rule, s.exOfficio && t("bodies.body.exOfficio"), !s.voting && t("bodies.body.noVote")]
                      .filter(Boolean)
                      .join(" – ")}
                  />
                ))}
              </table>
            </div>
          </>
        )}
        <h3 className="kern-heading-small">{t("bodies.body.deputiesAndGuests")}</h3>
        {others.length === 0 ? (
          <p className="kern-body">{t("bodies.body.noDeputiesOrGuests")}</p>
        ) : (
          <ul className="kern-list">
            {others.map((m) => (
              <li key={m.id}>
                {m.personName}
                {m.organisation && ` (${m.organisation})`} – {t(`bodies.roles.${m.role}`)}
                {m.deputyOf && `, ${t("bodies.body.deputyFor", { name: m.deputyOf })}`}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="terms" title={t("bodies.body.terms", { date })}>
        {d.terms.length === 0 ? (
          <p className="kern-body">{t("bodies.body.noTerms")}</p>
        ) : (
          <DataTable
            caption={t("bodies.body.terms", { date })}
            headers={[
              t("bodies.body.person"),
              t("bodies.body.role"),
              t("bodies.body.term"),
              ...(d.canEdit ? [t("bodies.body.endTerm")] : []),
            ]}
          >
            {d.terms.map((m) => (
              <tr key={m.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {m.personName}
                  {m.organisation && <span className="kern-body--small"> ({m.organisation})</span>}
                </th>
                <td className="kern-table__cell">
                  {[
                    t(`bodies.roles.${m.role}`),
                    m.function && t(`bodies.functions.${m.function}`),
                    m.seatRule,
                    m.deputyOf && t("bodies.body.deputyFor", { name: m.deputyOf }),
                  ]
                    .filter(Boolean)
                    .join(", ")}
                </td>
                <td className="kern-table__cell">
                  {m.endsOn
                    ? t("bodies.body.fromTo", { from: fmt.date(m.startsOn), to: fmt.date(m.endsOn) })
                    : t("bodies.body.since", { date: fmt.date(m.startsOn) })}
                </td>
                {d.canEdit && (
                  <td className="kern-table__cell">
                    <ActionForm
                      key={fresh}
                      intent="end"
                      hidden={{ membershipId: m.id, ...dayField }}
                      errors={endErr?.[`end-${m.id}`] ? endErr : undefined}
                      submit={t("bodies.body.endTerm")}
                    >
                      <Field
                        id={`f-end-${m.id}`}
                        name="endsOn"
                        type="date"
                        required
                        label={t("bodies.body.endsOnFor", { name: m.personName })}
                        defaultValue={m.endsOn ?? d.day}
                        error={endErr?.[`end-${m.id}`]}
                      />
                    </ActionForm>
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
      </Section>

      {d.canEdit && (
        <>
          <section aria-labelledby="add-member">
            <ActionForm
              key={fresh}
              intent="member"
              hidden={dayField}
              heading={t("bodies.member.heading")}
              headingId="add-member"
              errors={memberErr}
              submit={t("bodies.member.submit")}
              primary
            >
              <Field name="personName" label={t("bodies.member.personName")} required error={memberErr?.personName} />
              <Field
                name="email"
                type="email"
                label={t("bodies.member.email")}
                hint={t("bodies.member.contactHint")}
                error={memberErr?.email}
              />
              <Field name="phone" type="tel" label={t("bodies.member.phone")} error={memberErr?.phone} />
              <Checkbox name="contactConsent" label={t("bodies.member.contactConsent")} />
              <Select
                name="organisationId"
                label={t("bodies.member.organisation")}
                defaultValue=""
                error={memberErr?.organisationId}
                options={[{ value: "", label: t("bodies.member.noOrganisation") }, ...d.orgs]}
              />
              <Select
                name="role"
                label={t("bodies.member.role")}
                required
                defaultValue="member"
                error={memberErr?.role}
                options={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`bodies.roles.${r}`) }))}
              />
              <Select
                name="seatRuleId"
                label={t("bodies.member.seatRule")}
                hint={t("bodies.member.seatRuleHint")}
                defaultValue=""
                error={memberErr?.seatRuleId}
                options={[
                  { value: "", label: t("bodies.member.noSeatRule") },
                  ...d.seats.filter((s) => !s.exOfficio).map((s) => ({ value: s.ruleId, label: s.rule })),
                ]}
              />
              <Select
                name="function"
                label={t("bodies.member.function")}
                defaultValue=""
                error={memberErr?.function}
                options={[
                  { value: "", label: t("bodies.member.noFunction") },
                  ...BODY_FUNCTIONS.map((x) => ({ value: x, label: t(`bodies.functions.${x}`) })),
                ]}
              />
              <Select
                name="deputyOf"
                label={t("bodies.member.deputyOf")}
                hint={t("bodies.member.deputyOfHint")}
                defaultValue=""
                error={memberErr?.deputyOf}
                options={[
                  { value: "", label: t("bodies.member.noDeputyOf") },
                  ...members.map((m) => ({ value: m.id, label: m.personName })),
                ]}
              />
              <Field
                name="startsOn"
                type="date"
                label={t("bodies.member.startsOn")}
                hint={t("bodies.member.dateHint")}
                required
                defaultValue={d.day}
                error={memberErr?.startsOn}
              />
              <Field
                name="endsOn"
                type="date"
                label={t("bodies.member.endsOn")}
                hint={t("bodies.member.dateHint")}
                error={memberErr?.endsOn}
              />
            </ActionForm>
          </section>

          <section aria-labelledby="add-rule">
            <ActionForm
              key={fresh}
              intent="rule"
              hidden={dayField}
              heading={t("bodies.rule.heading")}
              headingId="add-rule"
              errors={ruleErr}
              submit={t("bodies.rule.submit")}
            >
              <Field
                name="label"
                label={t("bodies.rule.label")}
                hint={t("bodies.rule.labelHint")}
                required
                error={ruleErr?.label}
              />
              <Field
                name="seats"
                type="number"
                inputMode="numeric"
                label={t("bodies.rule.seats")}
                required
                error={ruleErr?.seats}
              />
              <Checkbox name="voting" label={t("bodies.rule.voting")} defaultChecked />
              <fieldset className="kern-fieldset" id="f-organisationKinds">
                <legend className="kern-label">{t("bodies.rule.kinds")}</legend>
                <div className="kern-hint">{t("bodies.rule.openHint")}</div>
                <div className="kern-fieldset__body">
                  {ruleErr?.organisationKinds && (
                    <p className="kern-error" role="alert">
                      {ruleErr.organisationKinds}
                    </p>
                  )}
                  {ORGANISATION_KINDS.map((k) => (
                    <Checkbox
                      key={k}
                      id={`sr-kind-${k}`}
                      name="organisationKinds"
                      value={k}
                      label={t(`organisations.kinds.${k}`)}
                    />
                  ))}
                </div>
              </fieldset>
              <ChoiceList
                id="f-organisationIds"
                name="organisationIds"
                legend={t("bodies.rule.organisations")}
                options={d.orgs}
                error={ruleErr?.organisationIds}
              />
              <fieldset className="kern-fieldset" id="f-exOfficio">
                <legend className="kern-label">{t("bodies.rule.exOfficio")}</legend>
                <div className="kern-hint">{t("bodies.rule.exOfficioHint")}</div>
                <div className="kern-fieldset__body">
                  {ruleErr?.exOfficio && (
                    <p className="kern-error" role="alert">
                      {ruleErr.exOfficio}
                    </p>
                  )}
                  <Select
                    name="exOfficioBodyId"
                    label={t("bodies.rule.exOfficioBody")}
                    defaultValue=""
                    options={[{ value: "", label: t("bodies.rule.noBody") }, ...d.otherBodies]}
                  />
                  <Select
                    name="exOfficioFunction"
                    label={t("bodies.rule.exOfficioFunction")}
                    defaultValue="chair"
                    options={BODY_FUNCTIONS.map((x) => ({ value: x, label: t(`bodies.functions.${x}`) }))}
                  />
                </div>
              </fieldset>
            </ActionForm>
          </section>
        </>
      )}
    </>
  );
}
