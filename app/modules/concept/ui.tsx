// Small presentational pieces shared by this module's pages (browser-safe: no server imports).
import "./concept.css";
import { useT } from "~/kernel/ui/hooks";

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  return <span className={`kern-badge concept-status concept-status--${status}`}>{t(`concept.status.${status}`)}</span>;
}

export function ExampleNote({ note }: { note: string | null | undefined }) {
  const t = useT();
  if (!note) return null;
  return (
    <p className="kern-body concept-example">
      <strong>{t("concept.example")}</strong> {note}
    </p>
  );
}

export function Progress({ value, label }: { value: number; label: string }) {
  return (
    <span className="concept-progress">
      <progress max={100} value={value} aria-label={label}>
        {value} %
      </progress>{" "}
      {value} %
    </span>
  );
}
