import { useEffect, useRef } from "react";
import { useLocation, useNavigation } from "react-router";

/** The attribute Alert and ErrorSummary (forms.tsx) mark an action's answer with: "error" or "success". */
export const FEEDBACK_ATTR = "data-feedback";

/**
 * Where the keyboard focus belongs when a navigation has finished, or null to leave it: after a
 * submission (POST) the first error message, else the first success message; on a new page its h1.
 * A plain page load never moves focus – that is the browser's, and the skip link's, job.
 */
export function feedbackTarget(doc: Document, submitted: boolean, newPage: boolean): HTMLElement | null {
  const main = doc.querySelector("main") ?? doc.body;
  if (submitted) {
    const message =
      main.querySelector<HTMLElement>(`[${FEEDBACK_ATTR}="error"]`) ??
      main.querySelector<HTMLElement>(`[${FEEDBACK_ATTR}="success"]`);
    if (message) return message;
  }
  return newPage ? main.querySelector<HTMLElement>("h1") : null;
}

/**
 * The root's one mechanism for feedback after an action (issue 18 item 7): when a navigation that
 * this page started ends, focus goes to the action's message (announced by its role, status or
 * alert) or, on a new page (login, a save that redirects elsewhere), to the heading – not to the body,
 * and not left on a button above which the answer appeared off-screen. Fetchers are not navigations
 * and keep their focus.
 */
export function useFocusAfterNavigation() {
  const navigation = useNavigation();
  const { pathname } = useLocation();
  const pending = useRef<{ submitted: boolean; from: string; active: Element | null } | null>(null);
  useEffect(() => {
    if (navigation.state !== "idle") {
      // A submission answered by a redirect passes through "loading" too; it stays a submission.
      const submitted = !!navigation.formMethod && navigation.formMethod.toUpperCase() !== "GET";
      pending.current = {
        submitted: submitted || !!pending.current?.submitted,
        from: pending.current?.from ?? pathname,
        active: pending.current ? pending.current.active : document.activeElement,
      };
      return;
    }
    const done = pending.current;
    if (!done) return;
    pending.current = null;
    // Someone who moved on while the page was loading (into the next form, say) keeps their place: focus
    // moves only from where it was when the navigation began, or from an element the new page removed.
    const now = document.activeElement;
    if (now && now !== document.body && now !== done.active) return;
    const target = feedbackTarget(document, done.submitted, done.from !== pathname);
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }, [navigation.state, navigation.formMethod, pathname]);
}
