import type { ReactNode } from "react";
import { Link } from "react-router";
import { termHref, type TermId } from "../glossary/terms";
import { isFullLanguage } from "../i18n/languages";
import { useRoot } from "./hooks";

/**
 * A word of the trade (Kernset, AGS, Fassung …) as a link to its plain explanation on the glossary
 * page. Used at the first place a page shows the word; the id must be one of GLOSSARY_TERMS. The
 * glossary is German and English, so from a page in another language the link says it leads to German.
 */
export function Term({ id, children }: { id: TermId; children: ReactNode }) {
  const lang = useRoot()?.lang ?? "de";
  return (
    <Link className="kern-link" to={termHref(id)} hrefLang={isFullLanguage(lang) ? undefined : "de"}>
      {children}
    </Link>
  );
}
