import { useEffect, useRef, useState } from "react";
import { useFormat, useT } from "~/kernel/ui/hooks";

// Browser-only parts (charts, map) load their libraries in an effect: the server renders the
// tables, which carry all information, and the page works without JavaScript.

/** Decimals a value of this unit is shown with (persons are whole, ratios need two). */
export const unitDigits = (unit: string) => (unit === "Personen" ? 0 : unit === "Verhältnis" ? 2 : 1);

export function useValueFormat(unit: string) {
  const f = useFormat();
  const digits = unitDigits(unit);
  return (v: number | null | undefined) => f.number(v ?? null, digits);
}

export function ValueCell({
  value,
  suppressed,
  estimate,
  marker,
  unit,
  reveal,
}: {
  value: number | null;
  suppressed: boolean;
  estimate?: boolean;
  marker: string;
  unit: string;
  reveal?: boolean;
}) {
  const t = useT();
  const fmt = useValueFormat(unit);
  if (value === null)
    return (
      <td className="kern-table__cell num">
        <span aria-hidden="true">{marker}</span>
        <span className="kern-sr-only">{t("monitoring.suppressed")}</span>
      </td>
    );
  return (
    <td className="kern-table__cell num">
      {fmt(value)}
      {estimate && <abbr title={t("monitoring.estimate")}> (S)</abbr>}
      {suppressed && reveal && (
        <>
          <span aria-hidden="true"> {marker}</span>
          <span className="kern-sr-only"> ({t("monitoring.suppressed")})</span>
        </>
      )}
    </td>
  );
}

type EChartsOption = Record<string, unknown>;

/** Renders an ECharts option once the library has loaded; hidden from screen readers, which get the table. */
export function Chart({ option, height = 320, label }: { option: EChartsOption; height?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: unknown): void; dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    void import("echarts").then((echarts) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { renderer: "svg" });
      chart.setOption({ animation: false, ...option });
      setReady(true);
      window.addEventListener("resize", onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener("resize", onResize);
      chart?.dispose();
    };
  }, [JSON.stringify(option)]);
  return (
    <div
      ref={ref}
      className="chart"
      role="img"
      aria-label={label}
      data-ready={ready ? "true" : "false"}
      style={{ height }}
    />
  );
}
