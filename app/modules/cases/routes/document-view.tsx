import { useFormat, useT } from "~/kernel/ui/hooks";
import type { Category } from "../core/schema";

// One decrypted category document as a definition list: labels from the strings, codes translated.

type Doc = Record<string, unknown>;

/**
 * A category document as [label, text] rows (labels from the strings, codes translated, dates as
 * `date` writes them): the page's definition list and the subject-access export print the same.
 */
export function documentItems(
  t: (k: string, o?: Record<string, unknown>) => string,
  formatDate: (iso: string) => string,
  category: Category,
  doc: unknown,
): [string, string][] {
  const d = (doc ?? {}) as Doc;
  const s = (k: string) => (typeof d[k] === "string" || typeof d[k] === "number" ? String(d[k]) : undefined);
  const date = (k: string) => (s(k) ? formatDate(s(k)!) : undefined);
  const items: [string, string | undefined][] = [];
  switch (category) {
    case "identity":
      for (const k of ["familyName", "givenNames", "nativeName"]) items.push([t(`cases.intake.${k}`), s(k)]);
      items.push([t("cases.intake.birthDate"), date("birthDate")]);
      items.push([t("cases.intake.nationality"), s("nationality")]);
      items.push([t("cases.intake.gender"), s("gender") && t(`cases.intake.genders.${s("gender")}`)]);
      for (const k of ["phone", "email", "street", "postcode", "city", "languageOfContact"])
        items.push([t(`cases.intake.${k}`), s(k)]);
      break;
    case "residence":
      items.push([t("cases.intake.residenceTitle"), s("title") && t(`cases.titles.${s("title")}`)]);
      items.push([t("cases.category.provision"), s("provision")]);
      items.push([t("cases.category.validUntil"), date("validUntil")]);
      items.push([t("cases.category.entryDate"), date("entryDate")]);
      break;
    case "education": {
      const langs = (d.languages as { language: string; level: string }[] | undefined) ?? [];
      langs.forEach((l, i) =>
        items.push([t("cases.category.language", { n: i + 1 }), `${l.language}: ${levelText(t, l.level)}`]),
      );
      items.push([t("cases.category.schoolingYears"), s("schoolingYears")]);
      const quals = (d.qualifications as { title: string; country?: string; recognition: string }[] | undefined) ?? [];
      quals.forEach((q, i) =>
        items.push([
          t("cases.category.qualification", { n: i + 1 }),
          `${q.title}${q.country ? ` (${q.country})` : ""} – ${t(`cases.category.recognitions.${q.recognition}`)}`,
        ]),
      );
      break;
    }
    case "competence":
      items.push([t("cases.category.assessedOn"), date("assessedOn")]);
      items.push([t("cases.category.method"), s("method")]);
      items.push([t("cases.category.findings"), s("findings")]);
      break;
    case "family":
      items.push([
        t("cases.category.householdRole"),
        s("householdRole") && t(`cases.category.householdRoles.${s("householdRole")}`),
      ]);
      items.push([t("cases.category.text"), s("text")]);
      break;
    case "plan":
      items.push([t("cases.category.goals"), s("goals")]);
      break;
    case "attachments": {
      const files = (d.files as { name: string }[] | undefined) ?? [];
      files.forEach((f, i) => items.push([String(i + 1), f.name]));
      break;
    }
    default:
      items.push([t("cases.category.text"), s("text")]);
  }
  return items.filter((x): x is [string, string] => x[1] !== undefined && x[1] !== "");
}

export function DocumentView({ category, doc }: { category: Category; doc: unknown }) {
  const t = useT();
  const fmt = useFormat();
  // On the case page the attachments are a link to their own page (cases-attachments.tsx).
  if (category === "attachments" && !doc) return <p className="kern-body">{t("cases.attachments.onOwnPage")}</p>;
  const shown = documentItems(t, fmt.date, category, doc);
  if (!shown.length) return <p className="kern-body">{t("cases.client.emptyCategory")}</p>;
  return (
    <dl className="kern-description-list">
      {shown.map(([k, v]) => (
        <div className="kern-description-list-item" key={k}>
          <dt className="kern-description-list-item__key">{k}</dt>
          <dd className="kern-description-list-item__value" style={{ whiteSpace: "pre-line" }}>
            {v}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export const levelText = (t: (k: string) => string, level: string) =>
  level === "none" || level === "native" ? t(`cases.category.levels.${level}`) : level;
