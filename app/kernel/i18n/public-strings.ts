// The kernel's strings that public pages show: the frame, the start and tenant pages, errors, paging,
// the taxonomy's preset terms and the legal pages with their feedback form. Every public language
// has all of them (tests/repo/public-strings.test.ts); modules declare theirs in their manifest.
const LEGAL_PAGE = [
  "missing",
  "platformOwner",
  "platformNote",
  "updated",
  "conformityHeading",
  "barriersHeading",
  "assessed",
  "feedbackHeading",
  "feedbackIntro",
  "message",
  "messageHint",
  "name",
  "email",
  "page",
  "send",
  "sent",
  "enforcementHeading",
  "enforcementText",
  "nav",
  "contactHeading",
  "contactEmail",
  "contactPhone",
].map((k) => `legal.${k}`);

/** Key prefixes (ending in ".") or whole keys. */
export const KERNEL_PUBLIC_STRINGS: readonly string[] = [
  "app.name",
  "app.tagline",
  "app.skipLink",
  "app.mainNav",
  "app.footer",
  "app.languageMenu",
  "app.easyLanguageNote",
  "app.api",
  "app.impressum",
  "app.datenschutz",
  "app.barrierefreiheit",
  "app.glossary",
  "nav.login",
  "home.",
  "tenant.",
  "errors.",
  "pagination.",
  "data.source",
  "data.mapNeedsJs",
  "data.mapTable",
  // The form parts of public forms (feedback, registration, comments, surveys).
  "form.",
  "nav.home",
  "taxonomy.term.",
  ...LEGAL_PAGE,
  "legal.titles.",
  "legal.conformity.",
  "legal.conformityLabel.",
  "legal.errors.",
];

/** Whether `key` is one of `prefixes` (a prefix ending in "." or a whole key). */
export const coveredBy = (prefixes: readonly string[], key: string) =>
  prefixes.some((p) => (p.endsWith(".") ? key.startsWith(p) : key === p));
