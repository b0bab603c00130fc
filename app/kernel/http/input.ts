/**
 * The central check of what a request carries before any route sees it (decision 0012): the path,
 * the query string, form fields, uploaded file names and JSON bodies. Pages answer a refusal with a
 * German 400 page (kernelMiddleware), the API with problem details (api/router.ts). Pure functions,
 * so the same rules hold for both.
 */

// C0 and C1 control characters. Tab, line feed and carriage return are ordinary text in a textarea
// (and in pasted text), every other one is never typed and NUL cannot even be stored by PostgreSQL.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** The i18n key (below errors.input) naming what is wrong with the request. */
export type InputProblem = "path" | "query" | "control" | "fileName" | "unreadable";

export const hasControlChars = (s: string) => CONTROL_IN_TEXT.test(s);
/** Any control character, tab and line breaks included: for values that must be one line (paths, names). */
export const hasAnyControlChars = (s: string) => ANY_CONTROL.test(s);

/** Percent-decodes strictly: undefined for a malformed escape or bytes that are not UTF-8. */
export function decodeStrict(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * The path must be valid percent-encoded UTF-8 without any control character: it becomes route
 * parameters, and from there ids and names in SQL and headers.
 */
export function pathProblem(pathname: string): InputProblem | undefined {
  const decoded = decodeStrict(pathname);
  return decoded === undefined || hasAnyControlChars(decoded) ? "path" : undefined;
}

/**
 * A query string may keep a stray "%" (browsers and URLSearchParams read it literally), but escapes
 * must give UTF-8 and no name or value may carry control characters other than tab and line breaks.
 */
export function queryProblem(search: string): InputProblem | undefined {
  const q = search.startsWith("?") ? search.slice(1) : search;
  if (!q) return undefined;
  for (const part of q.split("&")) {
    const decoded = decodeStrict(part.replace(/\+/g, " ").replace(/%(?![0-9a-fA-F]{2})/g, "%25"));
    if (decoded === undefined || hasControlChars(decoded)) return "query";
  }
  return undefined;
}

/** What is wrong with a request target ("/path?query" as sent), if anything. */
export function urlProblem(target: string): InputProblem | undefined {
  const q = target.indexOf("?");
  return q < 0 ? pathProblem(target) : (pathProblem(target.slice(0, q)) ?? queryProblem(target.slice(q)));
}

/**
 * An uploaded file's name is shown and stored, never used as a path; still, a name with a
 * directory part or control characters only comes from a hand-made request, so it is refused
 * rather than silently changed.
 */
export function fileNameProblem(name: string): InputProblem | undefined {
  return hasAnyControlChars(name) || /[/\\]/.test(name) || name === "." || name === ".." ? "fileName" : undefined;
}

/** Every field name and text value of a form, and the names of its files. */
export function formProblem(form: FormData): InputProblem | undefined {
  for (const [name, v] of form) {
    if (hasControlChars(name)) return "control";
    if (typeof v === "string") {
      if (hasControlChars(v)) return "control";
    } else if (v.name && fileNameProblem(v.name)) return "fileName";
  }
  return undefined;
}

/**
 * The path ("a.b.0") of the first JSON key or string value with control characters, if any.
 * Walked with a stack of its own: a megabyte of "[[[[…" nests deeper than the call stack goes.
 */
export function jsonControlPath(root: unknown): string | undefined {
  type Step = { key: string; up: Step | null } | null;
  const join = (at: Step) => {
    const keys: string[] = [];
    for (let s = at; s; s = s.up) keys.unshift(s.key);
    return keys.join(".");
  };
  const stack: [unknown, Step][] = [[root, null]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === "string") {
      if (hasControlChars(v)) return join(at);
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (hasControlChars(k)) return join({ key: k.replace(CONTROL_IN_TEXT, "?"), up: at });
        stack.push([x, { key: k, up: at }]);
      }
    }
  }
  return undefined;
}
