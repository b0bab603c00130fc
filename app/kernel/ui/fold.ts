import { useEffect, useRef } from "react";

/** Where app.css stacks the page's side parts above its content: the width of a phone held upright. */
export const NARROW = "(max-width: 48rem)";

/**
 * A `<details>` rendered open that folds away on a phone once the page runs, and again whenever `key`
 * changes (a new page, a new search). Without JavaScript it stays open, so nothing is out of reach; on
 * a wide screen it is always open (app.css hides its summary there). Issue 18: on a phone the staff
 * menu and the atlas filters pushed the page's point a screen down.
 */
export function useFoldWhenNarrow(key: unknown) {
  const fold = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const narrow = window.matchMedia(NARROW);
    const apply = () => {
      if (fold.current) fold.current.open = !narrow.matches;
    };
    apply();
    narrow.addEventListener("change", apply);
    return () => narrow.removeEventListener("change", apply);
  }, [key]);
  return fold;
}
