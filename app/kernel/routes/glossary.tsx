import "../glossary/strings";
import { GLOSSARY_TERMS } from "../glossary/terms";
import { PageTitle } from "../ui/forms";
import { useRoot, useT } from "../ui/hooks";

// The glossary (issue 18 item 6): the words of the trade that the pages use, explained plainly, each
// entry an anchor that <Term> links to. One page for everyone, public and staff alike.

export default function Glossary() {
  const t = useT();
  const { lang } = useRoot();
  const terms = GLOSSARY_TERMS.map((id) => ({
    id,
    term: t(`glossary.terms.${id}.term`),
    text: t(`glossary.terms.${id}.text`),
  })).sort((a, b) => a.term.localeCompare(b.term, lang));
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("glossary.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("glossary.title")}</h1>
      <p className="kern-body">{t("glossary.intro")}</p>
      <nav aria-labelledby="begriffe-inhalt">
        <h2 id="begriffe-inhalt" className="kern-heading-small">
          {t("glossary.contents")}
        </h2>
        <ul className="kern-list kern-list--horizontal">
          {terms.map((x) => (
            <li key={x.id}>
              <a className="kern-link" href={`#${x.id}`}>
                {x.term}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <dl className="glossary">
        {terms.map((x) => (
          <div key={x.id}>
            <dt id={x.id} className="kern-heading-small">
              {x.term}
            </dt>
            <dd className="kern-body">{x.text}</dd>
          </div>
        ))}
      </dl>
    </main>
  );
}
