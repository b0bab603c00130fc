import { useEffect, useState, type ChangeEvent, type KeyboardEvent } from "react";
import { useContentAttrs } from "./content";
import { describedByOf, HintAndError, useFieldId, useSubmitted } from "./forms";
import { useT } from "./hooks";
import { chosenNames, filterChoices, type Choice, type ChoiceGroup } from "./choices";
import { valuesOf } from "./values";
import { addStrings } from "../i18n";
import de from "./picker-strings/de.json";
import en from "./picker-strings/en.json";

// Its words travel with it: only staff forms use the list, and i18n/ is fetched by every public page.
addStrings({ de, en });

export type { Choice, ChoiceGroup } from "./choices";

/** From this many options on a list gets its search field and its own scroll box (issue 18 item 5). */
export const SEARCH_FROM = 11;

/**
 * A list of check boxes under one legend, for choosing several of many (partner organisations, areas,
 * indicators). The boxes submit `name=value` like plain check boxes, so actions stay as they are.
 * A long list (SEARCH_FROM options or more) says above it what is chosen, scrolls in a box of its own
 * (focusable, so the keyboard scrolls it) and – once JavaScript runs – gets a search field before it
 * that hides the options not matching; hidden boxes keep their state and are submitted. Without
 * JavaScript the whole list is there. Groups (Stadtteile under their Stadtbezirk) are nested fieldsets,
 * so equal names in different groups are told apart by the group's name.
 */
export function ChoiceList({
  name,
  legend,
  options,
  groups: given,
  defaultValues,
  hint,
  error,
  id: idProp,
}: {
  name: string;
  /** Also names the search field ("Search Partner organisations"), hence text. */
  legend: string;
  options?: Choice[];
  groups?: ChoiceGroup[];
  /** The values ticked when the page shows the record; a rejected form shows what was submitted. */
  defaultValues?: readonly string[];
  hint?: string;
  error?: string;
  id?: string;
}) {
  const t = useT();
  const content = useContentAttrs();
  const id = useFieldId(name, idProp);
  const groups: ChoiceGroup[] = given ?? [{ label: "", options: options ?? [] }];
  const grouped = !!given;
  const total = groups.reduce((n, g) => n + g.options.length, 0);
  const long = total >= SEARCH_FROM;
  const submitted = useSubmitted();
  const initial = submitted ? valuesOf(submitted, name) : (defaultValues ?? []);
  const [chosen, setChosen] = useState(() => new Set(initial));
  const [query, setQuery] = useState("");
  // The search needs JavaScript; before hydration (and without it) the list shows in full.
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const legendId = `${id}-legend`;
  const describedBy = describedByOf(id, hint, error);
  const { visible, count } = filterChoices(groups, query);
  const shown = (o: Choice) => !long || visible.has(o.value);

  const onChange = (e: ChangeEvent<HTMLElement>) => {
    const box = e.target as HTMLInputElement;
    if (box.type !== "checkbox" || box.name !== name) return;
    setChosen((s) => {
      const next = new Set(s);
      if (box.checked) next.add(box.value);
      else next.delete(box.value);
      return next;
    });
  };
  // Enter in the search field would submit the whole form; here it only means "search".
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") e.preventDefault();
  };

  const box = (o: Choice) => {
    const boxId = `${id}-${o.value.replace(/[^A-Za-z0-9_-]/g, "-")}`;
    return (
      <div className="kern-form-check" key={o.value} hidden={!shown(o)}>
        <input
          className="kern-form-check__checkbox"
          type="checkbox"
          id={boxId}
          name={name}
          value={o.value}
          defaultChecked={initial.includes(o.value)}
        />
        <label className="kern-label" htmlFor={boxId} lang={o.lang} {...(o.content ? content : {})}>
          {o.label}
        </label>
      </div>
    );
  };

  const list = groups.map((g, i) =>
    grouped ? (
      <fieldset className="kern-fieldset picker__group" key={i} hidden={!g.options.some(shown)}>
        <legend className="kern-label" {...(g.content ? content : {})}>
          {g.label}
        </legend>
        <div className="kern-fieldset__body">{g.options.map(box)}</div>
      </fieldset>
    ) : (
      g.options.map(box)
    ),
  );

  return (
    <fieldset
      className={`kern-fieldset picker${error ? " kern-fieldset--error" : ""}`}
      id={id}
      tabIndex={-1}
      aria-describedby={describedBy}
    >
      <legend className="kern-label" id={legendId}>
        {legend}
      </legend>
      <HintAndError id={id} hint={hint} error={error} />
      {long ? (
        <>
          <Summary groups={groups} chosen={chosen} />
          {live && (
            <div className="kern-form-input picker__search">
              <label className="kern-label" htmlFor={`${id}-search`}>
                {t("picker.search", { list: legend })}
              </label>
              <input
                className="kern-form-input__input"
                id={`${id}-search`}
                type="search"
                autoComplete="off"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={onKeyDown}
                aria-controls={`${id}-list`}
                aria-describedby={`${id}-count`}
              />
              <p className="kern-hint" id={`${id}-count`} role="status">
                {query.trim() ? (count ? t("picker.matches", { count, total }) : t("picker.noMatch")) : ""}
              </p>
            </div>
          )}
          <div
            className="kern-fieldset__body picker__list"
            id={`${id}-list`}
            role="group"
            aria-labelledby={legendId}
            tabIndex={0}
            onChange={onChange}
          >
            {list}
          </div>
        </>
      ) : (
        <div className="kern-fieldset__body">{list}</div>
      )}
    </fieldset>
  );
}

/** "3 ausgewählt: A, B, C" – all chosen ones, also those the search hides. */
function Summary({ groups, chosen }: { groups: ChoiceGroup[]; chosen: ReadonlySet<string> }) {
  const t = useT();
  const content = useContentAttrs();
  const { names, more, count } = chosenNames(groups, chosen);
  return (
    <p className="kern-body picker__summary">
      {count === 0 ? (
        t("picker.none")
      ) : (
        <>
          {t("picker.chosen", { count })}{" "}
          {names.map((n, i) => (
            <span key={i}>
              {i > 0 && ", "}
              <span {...(n.content ? content : {})}>{n.name}</span>
            </span>
          ))}
          {more > 0 && ` ${t("picker.more", { count: more })}`}
        </>
      )}
    </p>
  );
}
