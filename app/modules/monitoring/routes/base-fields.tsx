import { Field, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { useIndicatorOption } from "../components";

/**
 * The declared base of a share read without counts (decision 0033): a count indicator or a minimum
 * number of persons. Shared by the new-indicator form and the staff indicator page.
 */
export function BaseFields({
  indicators,
  errors,
  current,
}: {
  indicators: { code: string; name: string; coreSet: boolean; isCount: boolean }[];
  errors?: Record<string, string>;
  current?: { baseIndicator: string | null; minBase: number | null };
}) {
  const t = useT();
  const option = useIndicatorOption();
  return (
    <fieldset className="kern-fieldset">
      <legend className="kern-label">{t("monitoring.declaredBase")}</legend>
      <div className="form-grid">
        <Select
          name="baseIndicator"
          label={t("monitoring.baseIndicator")}
          hint={t("monitoring.baseIndicatorHint")}
          error={errors?.baseIndicator}
          defaultValue={current?.baseIndicator ?? ""}
          options={[{ value: "", label: t("monitoring.none") }, ...indicators.filter((i) => i.isCount).map(option)]}
        />
        <Field
          name="minBase"
          label={t("monitoring.minBase")}
          hint={t("monitoring.minBaseHint")}
          inputMode="numeric"
          error={errors?.minBase}
          defaultValue={current?.minBase == null ? "" : String(current.minBase)}
        />
      </div>
    </fieldset>
  );
}
