import { data } from "react-router";
import type { Route } from "./+types/taxonomy";
import { appContext, effectiveRole, failureErrors, requireRole, tenantTx, tFor } from "../http/context";
import { roleAtLeast } from "../roles";
import { ActionForm, Alert, Field, formValues, PageTitle, Select, valueOf, type FormValues } from "../ui/forms";
import { useT } from "../ui/hooks";
import { DataTable } from "../ui/table";
import {
  applyPreset,
  createTerm,
  deleteTerm,
  getTerm,
  LAND_FIELDS,
  listTerms,
  moveTerm,
  PRESET_NAMES,
  renameTerm,
  TERM_KINDS,
  type PresetName,
  type TermKind,
} from "../taxonomy/service";
import { noUsage } from "../taxonomy/usage";

// The tenant's one taxonomy (decision 0037): every member reads it, the administration edits it.
export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const usage = context.get(appContext).taxonomyUsage ?? noUsage;
  return tenantTx(context, async (tx) => {
    const lists = await Promise.all(TERM_KINDS.map((k) => listTerms(tx, k)));
    const uses = await usage(tx, lists.flat());
    return {
      canEdit: roleAtLeast(effectiveRole(context) ?? undefined, "admin"),
      lists: TERM_KINDS.map((kind, i) => ({
        kind,
        terms: lists[i].map((t) => ({
          id: t.id,
          code: t.code,
          name: t.name,
          shortName: t.shortName,
          nameEn: t.nameEn,
          landField: t.landField,
          presetKey: t.presetKey,
          uses: uses.filter((u) => u.termId === t.id).map((u) => ({ labelKey: u.labelKey, count: u.count })),
        })),
      })),
    };
  });
}

const str = (v: FormDataEntryValue | null) => (v === null ? "" : String(v));
const termInput = (f: FormData) => ({
  name: str(f.get("name")),
  shortName: str(f.get("shortName")),
  nameEn: str(f.get("nameEn")),
  landField: str(f.get("landField")),
});

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "admin");
  const form = await request.formData();
  const values = formValues(form);
  const t = tFor(context);
  const intent = str(form.get("intent"));
  const id = str(form.get("id"));
  const refused = (r: Parameters<typeof failureErrors>[1], status = 409) =>
    data({ errors: failureErrors(context, r), values, ok: null }, { status });
  const done = (ok: string) => ({ errors: null, values: null, ok });

  if (intent === "create") {
    const kind = str(form.get("kind")) as TermKind;
    const r = await tenantTx(context, (tx) => createTerm(tx, kind, termInput(form)));
    return r.ok ? done(t("taxonomy.created", { name: r.value.name })) : refused(r, 400);
  }
  if (intent === "rename") {
    const r = await tenantTx(context, (tx) => renameTerm(tx, id, termInput(form)));
    return r.ok ? done(t("taxonomy.renamed", { name: r.value.name })) : refused(r, 400);
  }
  if (intent === "move") {
    const direction = str(form.get("direction")) === "up" ? "up" : "down";
    const r = await tenantTx(context, (tx) => moveTerm(tx, id, direction));
    return r.ok ? done(t("taxonomy.moved")) : refused(r, 404);
  }
  if (intent === "delete") {
    const usage = context.get(appContext).taxonomyUsage ?? noUsage;
    const r = await tenantTx(context, async (tx) => {
      const term = await getTerm(tx, id);
      return { term, r: await deleteTerm(tx, id, usage) };
    });
    return r.r.ok ? done(t("taxonomy.deleted", { name: r.term?.name ?? "" })) : refused(r.r);
  }
  if (intent === "preset") {
    const preset = str(form.get("preset")) as PresetName;
    const r = await tenantTx(context, (tx) => applyPreset(tx, preset));
    return r.ok ? done(t("taxonomy.presetApplied", { count: r.value.length })) : refused(r, 400);
  }
  return data({ errors: { _form: t("errors.badRequest") }, values, ok: null }, { status: 400 });
}

type ActionData = { errors: Record<string, string> | null; values: FormValues | null; ok: string | null } | undefined;

/** The action's errors if they answer this very form (same intent, and the same row or list). */
const errorsFor = (a: ActionData, intent: string, key: string, value: string) =>
  a?.errors && a.values && valueOf(a.values, "intent") === intent && valueOf(a.values, key) === value ? a.errors : null;

export default function Taxonomy({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const a = actionData as ActionData;
  const { canEdit, lists } = loaderData;
  // Move and delete are buttons without fields: their refusal is shown above the lists.
  const rowError =
    a?.errors && a.values && ["move", "delete"].includes(valueOf(a.values, "intent"))
      ? Object.values(a.errors).join(" ")
      : null;
  const landOptions = [
    { value: "", label: t("taxonomy.noLandField") },
    ...LAND_FIELDS.map((f) => ({ value: f, label: t(`taxonomy.landFields.${f}`) })),
  ];
  return (
    <>
      <PageTitle>{t("taxonomy.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("taxonomy.title")}</h1>
      <p className="kern-body">{t("taxonomy.intro")}</p>
      {!canEdit && <p className="kern-body">{t("taxonomy.readOnly")}</p>}
      {a?.ok && <Alert kind="success">{a.ok}</Alert>}
      {rowError && <Alert kind="danger">{rowError}</Alert>}
      {lists.map(({ kind, terms }) => {
        const hf = kind === "handlungsfeld";
        const heading = t(hf ? "taxonomy.handlungsfelder" : "taxonomy.targetGroups");
        const createErrors = errorsFor(a, "create", "kind", kind);
        return (
          <section key={kind} aria-labelledby={`list-${kind}`} className="stack">
            <h2 id={`list-${kind}`} className="kern-heading-medium">
              {heading}
            </h2>
            {terms.length === 0 ? (
              <p className="kern-body">{t("taxonomy.empty")}</p>
            ) : (
              <DataTable
                caption={heading}
                headers={[
                  t("taxonomy.name"),
                  ...(hf ? [t("taxonomy.landField")] : []),
                  t("taxonomy.inUse"),
                  ...(canEdit ? [t("taxonomy.actions")] : []),
                ]}
              >
                {terms.map((term, i) => (
                  <tr key={term.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {term.name}
                      {term.shortName !== term.name && <span className="kern-hint"> ({term.shortName})</span>}
                      <br />
                      <span className="kern-hint">
                        {t("taxonomy.code")}: {term.code}
                        {term.presetKey ? ` · ${t("taxonomy.preset")}` : ""}
                      </span>
                    </th>
                    {hf && (
                      <td className="kern-table__cell">
                        {term.landField ? t(`taxonomy.landFields.${term.landField}`) : "–"}
                      </td>
                    )}
                    <td className="kern-table__cell">
                      {term.uses.length
                        ? term.uses.map((u) => t(u.labelKey, { count: u.count })).join(", ")
                        : t("taxonomy.unused")}
                    </td>
                    {canEdit && (
                      <td className="kern-table__cell">
                        <div className="stack">
                          {i > 0 && (
                            <ActionForm
                              intent="move"
                              hidden={{ id: term.id, direction: "up" }}
                              submit={t("taxonomy.up", { name: term.name })}
                            >
                              {null}
                            </ActionForm>
                          )}
                          {i < terms.length - 1 && (
                            <ActionForm
                              intent="move"
                              hidden={{ id: term.id, direction: "down" }}
                              submit={t("taxonomy.down", { name: term.name })}
                            >
                              {null}
                            </ActionForm>
                          )}
                          {term.uses.length === 0 && (
                            <ActionForm
                              intent="delete"
                              hidden={{ id: term.id }}
                              submit={t("taxonomy.delete", { name: term.name })}
                            >
                              {null}
                            </ActionForm>
                          )}
                          <details>
                            <summary className="kern-link">{t("taxonomy.rename", { name: term.name })}</summary>
                            <ActionForm
                              intent="rename"
                              hidden={{ id: term.id }}
                              errors={errorsFor(a, "rename", "id", term.id)}
                              submit={t("taxonomy.renameSubmit")}
                            >
                              <Field
                                name="name"
                                id={`name-${term.id}`}
                                label={t("taxonomy.name")}
                                required
                                defaultValue={term.name}
                                error={errorsFor(a, "rename", "id", term.id)?.name}
                              />
                              <Field
                                name="shortName"
                                id={`short-${term.id}`}
                                label={t("taxonomy.shortName")}
                                defaultValue={term.shortName}
                              />
                              <Field
                                name="nameEn"
                                id={`en-${term.id}`}
                                label={t("taxonomy.nameEn")}
                                defaultValue={term.nameEn ?? ""}
                              />
                              {hf && (
                                <Select
                                  name="landField"
                                  id={`land-${term.id}`}
                                  label={t("taxonomy.landField")}
                                  defaultValue={term.landField ?? ""}
                                  options={landOptions}
                                />
                              )}
                            </ActionForm>
                          </details>
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </DataTable>
            )}
            {canEdit && (
              <ActionForm
                intent="create"
                hidden={{ kind }}
                heading={t(hf ? "taxonomy.addHandlungsfeld" : "taxonomy.addTargetGroup")}
                headingId={`add-${kind}`}
                errors={createErrors}
                submit={t("taxonomy.add")}
              >
                <Field
                  name="name"
                  id={`new-name-${kind}`}
                  label={t("taxonomy.name")}
                  required
                  error={createErrors?.name}
                />
                <Field
                  name="shortName"
                  id={`new-short-${kind}`}
                  label={t("taxonomy.shortName")}
                  hint={t("taxonomy.shortNameHint")}
                />
                <Field
                  name="nameEn"
                  id={`new-en-${kind}`}
                  label={t("taxonomy.nameEn")}
                  hint={t("taxonomy.nameEnHint")}
                />
                {hf && (
                  <Select
                    name="landField"
                    id={`new-land-${kind}`}
                    label={t("taxonomy.landField")}
                    options={landOptions}
                  />
                )}
              </ActionForm>
            )}
          </section>
        );
      })}
      {canEdit && (
        <section aria-labelledby="presets" className="stack">
          <h2 id="presets" className="kern-heading-medium">
            {t("taxonomy.presets")}
          </h2>
          <p className="kern-body">{t("taxonomy.presetsIntro")}</p>
          <ActionForm
            intent="preset"
            errors={a?.errors && a.values && valueOf(a.values, "intent") === "preset" ? a.errors : null}
            submit={t("taxonomy.presetSubmit")}
          >
            <Select
              name="preset"
              label={t("taxonomy.presets")}
              required
              options={PRESET_NAMES.map((p) => ({ value: p, label: t(`taxonomy.presetNames.${p}`) }))}
            />
          </ActionForm>
        </section>
      )}
    </>
  );
}
