import { Link, useLocation } from "react-router";
import { pageHref, pageWindow } from "../pagination";
import { useT } from "./hooks";

/**
 * Page navigation for a list: plain links (works without JavaScript) that keep the list's other
 * query parameters. Renders nothing for a single page.
 */
export function Pagination({ page, pages, label }: { page: number; pages: number; label?: string }) {
  const t = useT();
  const { search } = useLocation();
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label ?? t("pagination.label")}>
      <ul className="pagination__list">
        {page > 1 && (
          <li>
            <Link className="kern-link" rel="prev" to={pageHref(search, page - 1)}>
              {t("pagination.prev")}
            </Link>
          </li>
        )}
        {pageWindow(page, pages).map((n, i) =>
          n === "gap" ? (
            <li key={`gap${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              {n === page ? (
                <span aria-current="page" className="pagination__current">
                  <span className="kern-sr-only">{t("pagination.page", { page: n, pages })}</span>
                  <span aria-hidden="true">{n}</span>
                </span>
              ) : (
                <Link
                  className="kern-link"
                  to={pageHref(search, n)}
                  aria-label={t("pagination.page", { page: n, pages })}
                >
                  {n}
                </Link>
              )}
            </li>
          ),
        )}
        {page < pages && (
          <li>
            <Link className="kern-link" rel="next" to={pageHref(search, page + 1)}>
              {t("pagination.next")}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
