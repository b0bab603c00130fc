import type { ReactNode } from "react";

import { PostForm } from "./forms";

type Header = string | { label: string; srOnly?: boolean; numeric?: boolean };

/**
 * A KERN table in a horizontal scroll box, with a caption for screen readers. The box is a
 * focusable, named region so that keyboard users can scroll it (WCAG 2.1.1).
 */
export function DataTable({
  caption,
  headers,
  children,
  small,
}: {
  caption: string;
  headers: Header[];
  children: ReactNode;
  small?: boolean;
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className={`kern-table${small ? " kern-table--small" : ""}`}>
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            {headers.map((h, i) => {
              const x = typeof h === "string" ? { label: h } : h;
              return (
                <th
                  key={i}
                  scope="col"
                  className={`kern-table__header${x.numeric ? " kern-table__header--numeric" : ""}`}
                >
                  {x.srOnly ? <span className="kern-sr-only">{x.label}</span> : x.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="kern-table__body">{children}</tbody>
      </table>
    </div>
  );
}

/** A one-button form in a table row; `target` names the row for screen readers. */
export function RowAction({
  intent,
  fields,
  label,
  target,
}: {
  intent: string;
  fields: Record<string, string>;
  label: string;
  target: string;
}) {
  return (
    <PostForm>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="kern-btn kern-btn--tertiary kern-btn--x-small">
        <span className="kern-label">
          {label}
          <span className="kern-sr-only"> – {target}</span>
        </span>
      </button>
    </PostForm>
  );
}
