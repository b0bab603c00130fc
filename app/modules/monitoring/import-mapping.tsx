import "./import-strings";
import { Form } from "react-router";
import { Field, Select, SubmittedValues, useDefaultValue, type FormValues, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { AREA_LEVELS } from "./shared";
import { useIndicatorOption } from "./components";
import { FILTER_OPS, LEVEL_RANGE_SLOTS, type MappingFields } from "./services/profile-form";
import type { Detected } from "./services/tabular";

// The import screen's steps 2 and 3 for an uploaded file: its structure (which lines are the
// header, long or wide) with the first lines as they stand in the file, then the mapping of its
// columns to areas, levels, periods and indicators. Plain forms: the structure is chosen by GET
// (the page reads the file again with it), the mapping is posted as a dry run or an import.

export interface MappingUpload {
  id: string;
  fileName: string;
  detected: Detected;
  /** XLSX: the sheets of the workbook and the one read. */
  sheets: string[];
  sheet: string;
  firstLines: string[][];
  layout: "long" | "wide";
  asIs: string | null;
  fields: MappingFields | null;
  guesses: string[];
}

export function ImportMapping({
  upload: u,
  profileName,
  indicators,
  errors,
  submitted,
}: {
  upload: MappingUpload;
  profileName: string | null;
  indicators: { code: string; name: string; coreSet: boolean }[];
  errors?: Record<string, string>;
  submitted: FormValues | null;
}) {
  const t = useT();
  const d = u.detected;
  const lastHeader = d.headerRow + d.headerRows - 1;
  const width = Math.max(d.header.length, ...u.firstLines.map((l) => l.length));
  const f = u.fields ?? {};
  const guess = (re: RegExp) => d.header.find((h) => re.test(h)) ?? "";
  const none = { value: "", label: t("monitoring.none") };
  const cols = d.header.filter(Boolean).map((h) => ({ value: h, label: h }));
  const levels = AREA_LEVELS.map((l) => ({ value: l, label: t(`monitoring.levels.${l}`) }));
  const option = useIndicatorOption();
  const indicatorOptions = indicators.map(option);
  const roleOf = (line: number) => (line < d.headerRow ? "before" : line <= lastHeader ? "header" : ("data" as const));
  return (
    <>
      <section aria-labelledby="s2-h" className="stack">
        <h2 id="s2-h" className="kern-heading-medium">
          {t("monitoring.mapping.structure")}
        </h2>
        <p className="kern-body">
          {u.fileName}:{" "}
          {t(d.kind === "xlsx" ? "monitoring.mapping.detectedXlsx" : "monitoring.mapping.detected", {
            sheet: u.sheet,
            kind: d.kind.toUpperCase(),
            encoding: d.encoding,
            delimiter: d.delimiter === "\t" ? "Tab" : d.delimiter || "–",
            decimal: d.decimal,
            header: d.headerRow,
            count: d.headerRows,
          })}
        </p>
        <div className="table-wrap" role="region" aria-labelledby="lines-cap" tabIndex={0}>
          <table className="kern-table import-lines">
            <caption id="lines-cap">{t("monitoring.mapping.firstLines")}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t("monitoring.line")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("monitoring.mapping.role")}
                </th>
                {Array.from({ length: width }, (_, j) => (
                  <th key={j} scope="col" className="kern-table__header">
                    {d.header[j] || `${t("monitoring.column")} ${j + 1}`}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {u.firstLines.map((row, i) => (
                <tr key={i} className={`kern-table__row import-line--${roleOf(i + 1)}`}>
                  <th scope="row" className="kern-table__cell">
                    {i + 1}
                  </th>
                  <td className="kern-table__cell">{t(`monitoring.mapping.roles.${roleOf(i + 1)}`)}</td>
                  {Array.from({ length: width }, (_, j) => (
                    <td key={j} className="kern-table__cell">
                      {row[j] ?? ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Form method="get" className="form-grid">
          <input type="hidden" name="upload" value={u.id} />
          {profileName && <input type="hidden" name="profil" value={profileName} />}
          {u.sheets.length > 1 && (
            <Select
              name="blatt"
              label={t("monitoring.mapping.sheet")}
              defaultValue={u.sheet}
              options={u.sheets.map((s) => ({ value: s, label: s }))}
            />
          )}
          <Field
            name="kopfzeile"
            label={t("monitoring.mapping.headerRow")}
            hint={t("monitoring.mapping.headerRowHint")}
            inputMode="numeric"
            defaultValue={String(d.headerRow)}
          />
          <Field
            name="kopfzeilen"
            label={t("monitoring.mapping.headerRows")}
            hint={t("monitoring.mapping.headerRowsHint")}
            inputMode="numeric"
            defaultValue={String(d.headerRows)}
          />
          <Select
            name="aufbau"
            label={t("monitoring.mapping.layout")}
            defaultValue={u.layout}
            options={[
              { value: "long", label: t("monitoring.mapping.layouts.long") },
              { value: "wide", label: t("monitoring.mapping.layouts.wide") },
            ]}
          />
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("monitoring.mapping.applyStructure")}</span>
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="s3-h" className="stack">
        <h2 id="s3-h" className="kern-heading-medium">
          {t("monitoring.step2")}
        </h2>
        <PostForm className="stack">
          <input type="hidden" name="upload" value={u.id} />
          <input type="hidden" name="headerRow" value={d.headerRow} />
          <input type="hidden" name="headerRows" value={d.headerRows} />
          <input type="hidden" name="layout" value={u.layout} />
          {u.sheet && <input type="hidden" name="sheet" value={u.sheet} />}
          {u.asIs ? (
            <>
              <input type="hidden" name="useProfile" value={u.asIs} />
              <p className="kern-body">
                {t("monitoring.useProfile")}: <strong>{u.asIs}</strong>
              </p>
            </>
          ) : (
            <SubmittedValues values={submitted}>
              <fieldset className="kern-fieldset">
                <legend className="kern-label">{t("monitoring.mapping.areas")}</legend>
                <div className="form-grid">
                  <Select
                    name="areaColumn"
                    label={t("monitoring.areaColumn")}
                    hint={t("monitoring.mapping.areaColumnHint")}
                    required
                    error={errors?.areaColumn}
                    defaultValue={f.areaColumn ?? guess(/gebiet|raum|stadtteil|bezirk|schl/i)}
                    options={[none, ...cols]}
                  />
                  <Select
                    name="areaNameColumn"
                    label={t("monitoring.areaNameColumn")}
                    defaultValue={f.areaNameColumn ?? ""}
                    options={[none, ...cols]}
                  />
                </div>
              </fieldset>
              <fieldset className="kern-fieldset">
                <legend className="kern-label">{t("monitoring.mapping.level")}</legend>
                <p className="kern-hint">{t("monitoring.mapping.levelHint")}</p>
                <div className="form-grid">
                  <Select
                    name="level"
                    label={t("monitoring.mapping.levelAll")}
                    error={errors?.level}
                    defaultValue={f.level ?? ""}
                    options={[{ value: "", label: t("monitoring.mapping.anyLevel") }, ...levels]}
                  />
                  <Select
                    name="levelColumn"
                    label={t("monitoring.mapping.levelColumn")}
                    error={errors?.levelColumn}
                    defaultValue={f.levelColumn ?? ""}
                    options={[none, ...cols]}
                  />
                </div>
                <div className="table-wrap" role="region" aria-labelledby="level-rows-cap" tabIndex={0}>
                  <table className="kern-table">
                    <caption id="level-rows-cap">{t("monitoring.mapping.levelRows")}</caption>
                    <thead className="kern-table__head">
                      <tr className="kern-table__row">
                        <th scope="col" className="kern-table__header">
                          {t("monitoring.mapping.fromLine")}
                        </th>
                        <th scope="col" className="kern-table__header">
                          {t("monitoring.mapping.toLine")}
                        </th>
                        <th scope="col" className="kern-table__header">
                          {t("monitoring.mapping.level")}
                        </th>
                      </tr>
                    </thead>
                    <tbody className="kern-table__body">
                      {Array.from({ length: LEVEL_RANGE_SLOTS }, (_, i) => i + 1).map((i) => (
                        <tr key={i} className="kern-table__row">
                          <td className="kern-table__cell">
                            <Field
                              name={`levelFrom${i}`}
                              label={t("monitoring.mapping.fromLineN", { n: i })}
                              inputMode="numeric"
                              error={errors?.[`levelFrom${i}`]}
                              defaultValue={f[`levelFrom${i}`] ?? ""}
                            />
                          </td>
                          <td className="kern-table__cell">
                            <Field
                              name={`levelTo${i}`}
                              label={t("monitoring.mapping.toLineN", { n: i })}
                              inputMode="numeric"
                              error={errors?.[`levelTo${i}`]}
                              defaultValue={f[`levelTo${i}`] ?? ""}
                            />
                          </td>
                          <td className="kern-table__cell">
                            <Select
                              name={`levelLevel${i}`}
                              label={t("monitoring.mapping.levelN", { n: i })}
                              error={errors?.[`levelLevel${i}`]}
                              defaultValue={f[`levelLevel${i}`] ?? ""}
                              options={[none, ...levels]}
                            />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </fieldset>
              <fieldset className="kern-fieldset">
                <legend className="kern-label">{t("monitoring.period")}</legend>
                <div className="form-grid">
                  <Select
                    name="periodColumn"
                    label={t("monitoring.periodColumn")}
                    error={errors?.periodColumn}
                    defaultValue={f.periodColumn ?? guess(/jahr|zeit|stichtag|periode/i)}
                    options={[none, ...cols]}
                  />
                  <Field
                    name="fixedPeriod"
                    label={t("monitoring.mapping.fixedPeriod")}
                    hint={t("monitoring.mapping.fixedPeriodHint")}
                    error={errors?.fixedPeriod}
                    defaultValue={f.fixedPeriod ?? ""}
                  />
                </div>
              </fieldset>
              <fieldset className="kern-fieldset">
                <legend className="kern-label">{t("monitoring.mapping.rows")}</legend>
                <p className="kern-hint">{t("monitoring.mapping.rowsHint")}</p>
                <div className="form-grid">
                  <Field
                    name="rowsFrom"
                    label={t("monitoring.mapping.rowsFrom")}
                    inputMode="numeric"
                    error={errors?.rowsFrom}
                    defaultValue={f.rowsFrom ?? ""}
                  />
                  <Field
                    name="rowsTo"
                    label={t("monitoring.mapping.rowsTo")}
                    inputMode="numeric"
                    error={errors?.rowsTo}
                    defaultValue={f.rowsTo ?? ""}
                  />
                  <Select
                    name="filterColumn"
                    label={t("monitoring.mapping.filterColumn")}
                    error={errors?.filterColumn}
                    defaultValue={f.filterColumn ?? ""}
                    options={[none, ...cols]}
                  />
                  <Select
                    name="filterOp"
                    label={t("monitoring.mapping.filterOp")}
                    defaultValue={f.filterOp ?? "notEmpty"}
                    options={FILTER_OPS.map((o) => ({ value: o, label: t(`monitoring.mapping.filterOps.${o}`) }))}
                  />
                  <Field
                    name="filterValue"
                    label={t("monitoring.mapping.filterValue")}
                    error={errors?.filterValue}
                    defaultValue={f.filterValue ?? ""}
                  />
                </div>
              </fieldset>
              <fieldset className="kern-fieldset">
                <legend className="kern-label">{t("monitoring.mapping.values")}</legend>
                {u.layout === "long" ? (
                  <div className="form-grid">
                    <Select
                      name="valueColumn"
                      label={t("monitoring.valueColumn")}
                      required
                      error={errors?.valueColumn}
                      defaultValue={f.valueColumn ?? guess(/wert|anzahl|zahl|value/i)}
                      options={[none, ...cols]}
                    />
                    <Select
                      name="seriesColumn"
                      label={t("monitoring.seriesColumn")}
                      hint={t("monitoring.seriesColumnHint")}
                      defaultValue={f.seriesColumn ?? ""}
                      options={[none, ...cols]}
                    />
                    <Select
                      name="indicator"
                      label={t("monitoring.indicator")}
                      hint={t("monitoring.indicatorHint")}
                      error={errors?.indicator}
                      defaultValue={f.indicator ?? ""}
                      options={[none, ...indicatorOptions]}
                    />
                    <Select
                      name="groupColumn"
                      label={t("monitoring.groupColumn")}
                      defaultValue={f.groupColumn ?? ""}
                      options={[none, ...cols]}
                    />
                    <Field
                      name="fixedGroup"
                      label={t("monitoring.fixedGroup")}
                      defaultValue={f.fixedGroup ?? "gesamt"}
                    />
                  </div>
                ) : (
                  <WideColumns
                    detected={d}
                    fields={f}
                    guesses={u.guesses}
                    indicatorOptions={indicatorOptions}
                    error={errors?.wide}
                  />
                )}
                <div className="form-grid">
                  <Select
                    name="emptyValues"
                    label={t("monitoring.mapping.emptyValues")}
                    hint={t("monitoring.mapping.emptyValuesHint")}
                    defaultValue={f.emptyValues ?? "error"}
                    options={(["error", "skip", "not_collected"] as const).map((o) => ({
                      value: o,
                      label: t(`monitoring.mapping.empty.${o}`),
                    }))}
                  />
                  <Select
                    name="unmatchedAreas"
                    label={t("monitoring.mapping.unmatchedAreas")}
                    defaultValue={f.unmatchedAreas ?? "error"}
                    options={(["error", "skip"] as const).map((o) => ({
                      value: o,
                      label: t(`monitoring.mapping.unmatched.${o}`),
                    }))}
                  />
                </div>
              </fieldset>
              <Field
                name="profileName"
                label={t("monitoring.profileName")}
                hint={t("monitoring.profileNameHint")}
                required
                error={errors?.profileName}
                defaultValue={f.profileName ?? profileName ?? ""}
              />
            </SubmittedValues>
          )}
          <div className="filter-bar">
            <button type="submit" name="intent" value="dryrun" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("monitoring.dryRun")}</span>
            </button>
            <button type="submit" name="intent" value="commit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("monitoring.commit")}</span>
            </button>
          </div>
        </PostForm>
      </section>
    </>
  );
}

/** Wide layout: each column of the file with a sample value, the indicator it feeds (or none) and its group. */
function WideColumns({
  detected: d,
  fields: f,
  guesses,
  indicatorOptions,
  error,
}: {
  detected: Detected;
  fields: MappingFields;
  guesses: string[];
  indicatorOptions: { value: string; label: string }[];
  error?: string;
}) {
  const t = useT();
  const sample = d.sample.find((r) => r.some((c) => c !== "")) ?? [];
  return (
    <div className={`stack${error ? " kern-form-input--error" : ""}`}>
      {error && (
        <p className="kern-error" id="f-wide-error" role="alert">
          {error}
        </p>
      )}
      <div className="table-wrap" role="region" aria-labelledby="f-wide" tabIndex={0}>
        <table className="kern-table">
          <caption id="f-wide">{t("monitoring.mapping.wideColumns")}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                {t("monitoring.column")}
              </th>
              <th scope="col" className="kern-table__header">
                {t("monitoring.mapping.example")}
              </th>
              <th scope="col" className="kern-table__header">
                {t("monitoring.indicator")}
              </th>
              <th scope="col" className="kern-table__header">
                {t("monitoring.group")}
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {d.header.map((h, j) =>
              h ? (
                <WideColumn
                  key={j}
                  j={j}
                  header={h}
                  sample={sample[j] ?? ""}
                  indicator={f[`w${j}`] ?? guesses[j] ?? ""}
                  group={f[`wg${j}`] ?? "gesamt"}
                  indicatorOptions={indicatorOptions}
                />
              ) : null,
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function WideColumn(p: {
  j: number;
  header: string;
  sample: string;
  indicator: string;
  group: string;
  indicatorOptions: { value: string; label: string }[];
}) {
  const t = useT();
  const indicator = useDefaultValue(`w${p.j}`, p.indicator);
  const group = useDefaultValue(`wg${p.j}`, p.group);
  return (
    <tr className="kern-table__row">
      <th scope="row" className="kern-table__cell" id={`wc-${p.j}`}>
        {p.header}
      </th>
      <td className="kern-table__cell">{p.sample}</td>
      <td className="kern-table__cell">
        <label className="kern-sr-only" htmlFor={`f-w${p.j}`}>
          {t("monitoring.mapping.indicatorFor", { column: p.header })}
        </label>
        <div className="kern-form-input__select-wrapper">
          <select className="kern-form-input__select" id={`f-w${p.j}`} name={`w${p.j}`} defaultValue={indicator}>
            <option value="">{t("monitoring.mapping.notImported")}</option>
            {p.indicatorOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </td>
      <td className="kern-table__cell">
        <label className="kern-sr-only" htmlFor={`f-wg${p.j}`}>
          {t("monitoring.mapping.groupFor", { column: p.header })}
        </label>
        <input className="kern-form-input__input" id={`f-wg${p.j}`} name={`wg${p.j}`} defaultValue={group} size={10} />
      </td>
    </tr>
  );
}
