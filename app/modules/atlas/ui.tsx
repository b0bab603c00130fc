import { NATIVE_NAMES, dirOf, htmlLang } from "./taxonomy";

// Browser-safe pieces shared by the atlas pages (no server imports).

/** A language name in its own script, marked up so screen readers pronounce it correctly. */
export function LangName({ code }: { code: string }) {
  return (
    <span lang={htmlLang(code)} dir={dirOf(code)}>
      {NATIVE_NAMES[code] ?? code}
    </span>
  );
}

export function withParams(base: string, params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

/** A filter select: optional by nature, so it carries neither "required" nor an "optional" suffix. */
export function FilterSelect({
  name,
  label,
  options,
  defaultValue,
}: {
  name: string;
  label: string;
  options: { value: string; label: string; lang?: string }[];
  defaultValue?: string | null;
}) {
  const id = `f-${name}`;
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" id={id} name={name} defaultValue={defaultValue ?? ""}>
          {options.map((o) => (
            <option key={o.value} value={o.value} lang={o.lang}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
