import { Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { CONSULTATION_RESULTS } from "./schema";

// Form controls the papers and meetings pages share (decision 0024).

/** The result of a consultation or agenda item: zur Kenntnis genommen, beschlossen, … */
export function ResultSelect({ id, defaultValue, error }: { id: string; defaultValue: string | null; error?: string }) {
  const t = useT();
  return (
    <Select
      id={id}
      name="result"
      label={t("bodies.paper.result")}
      required
      defaultValue={defaultValue ?? ""}
      options={[
        { value: "", label: t("bodies.paper.chooseResult") },
        ...CONSULTATION_RESULTS.map((r) => ({ value: r, label: t(`bodies.results.${r}`) })),
      ]}
      error={error}
    />
  );
}

/** Public or not ("isPublic": "1" or "0"; public unless "0" is sent). */
export function AccessSelect({ label }: { label: string }) {
  const t = useT();
  return (
    <Select
      name="isPublic"
      label={label}
      defaultValue="1"
      options={[
        { value: "1", label: t("bodies.meetings.public") },
        { value: "0", label: t("bodies.meetings.notPublic") },
      ]}
    />
  );
}
