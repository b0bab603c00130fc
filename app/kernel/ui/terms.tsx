import { Fragment } from "react";
import { termText, type Labelled } from "../taxonomy/label";
import { Content } from "./content";
import { useRoot, useT } from "./hooks";

// The tenant's Handlungsfelder and target groups on a page: a preset term (and one the tenant named in
// English) in the page's language, any other in German marked as content, so an English page says
// "Language and education" and keeps the tenant's own "Quartiersarbeit" apart (issue 18 item 6).

/** Names terms in the page's language: `text(term)` for a name, `choices(terms)` for a select or list. */
export function useTerms() {
  const t = useT();
  const lang = useRoot()?.lang ?? "de";
  return {
    text: (term: Labelled) => termText(t, lang, term),
    choices: (terms: (Labelled & { id: string })[]) =>
      terms.map((term) => {
        const x = termText(t, lang, term);
        return { value: term.id, label: x.text, content: x.content };
      }),
  };
}

/** A term's name inside a sentence or cell, marked as German content when it is not translated. */
export function TermName({ term }: { term: Labelled }) {
  const x = useTerms().text(term);
  return x.content ? <Content>{x.text}</Content> : <>{x.text}</>;
}

/** Terms in a sentence or cell, separated by commas; `empty` where there are none. */
export function TermList({ terms, empty = "–" }: { terms: readonly Labelled[]; empty?: string }) {
  if (!terms.length) return <>{empty}</>;
  return (
    <>
      {terms.map((term, i) => (
        <Fragment key={`${i}-${term.name}`}>
          {i > 0 && ", "}
          <TermName term={term} />
        </Fragment>
      ))}
    </>
  );
}
