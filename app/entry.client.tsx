import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { fromLangTag, loadLanguage } from "./kernel/i18n";

// The page's strings must be there before hydration, or the first client render would differ from
// the server's HTML. Only this language (and the German fallback) is fetched.
void loadLanguage(fromLangTag(document.documentElement.lang || "de")).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    );
  });
});
