// Names to phonetic codes for the name search (issue 16 item 5). The Kölner Phonetik (Postel 1969) is
// the German standard for names: vowels, J and Y are one class, doubled letters and H vanish, so
// Mohammed / Muhammad / Mohamad, Jusuf / Yusuf / Youssef, Hussein / Husain, Müller / Mueller and
// Strauß / Strauss get the same code. What it needs before: letters without diacritics (ß → ss), the
// Arabic article as its own part (Al-Hassan, Al Hassan and Alhasan all give "hassan"), and the
// digraphs transliteration adds (Dj / Dsch for the J of Jamal). Pure functions; no name leaves here
// except as a code, and the codes only leave hashed (search/service.ts).

/** The Arabic article written apart ("Al Hassan"): dropped as a part of its own. */
const ARTICLES = new Set(["al", "el", "ul"]);
/**
 * The article hyphenated to its noun, also in its assimilated forms ("as-Sayed", "ad-Din"): dropped.
 * Only with the hyphen: "An" or "As" alone can be a name (An Nguyen).
 */
const HYPHENATED = /(^|[^a-z])(al|el|ul|ad|ar|as|ash|at|az|an|ed|es|et|ez|er|en)-(?=[a-z])/g;
/** Glued article prefixes worth a second variant ("alhasan" → also "hasan"): al/el before a consonant. */
const GLUED = /^(al|el)([^aeiouy].{2,})$/;
/** Glued "Abd al-" compounds ("abdelrahman"): stored also as "abdel" and "rahman". */
const ABD = /^(abd[aeiou]?l?)([^aeiouy].{2,})$/;

/** Lower case, diacritics off, ß → ss, apostrophes and ayn/hamza marks dropped; words split on the rest. */
export function nameWords(name: string): string[] {
  return (
    name
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/ß/g, "ss")
      .replace(/['’‘`´ʿʾ]/g, "")
      .replace(HYPHENATED, "$1")
      .split(/[^a-z]+/)
      // A single letter is an initial: it would match too much.
      .filter((w) => w.length > 1)
      .map((w) => w.replace(/^dsch/, "j").replace(/^dj/, "j"))
  );
}

const codeOf = (ch: string, prev: string, next: string, first: boolean): string => {
  switch (ch) {
    case "a":
    case "e":
    case "i":
    case "j":
    case "o":
    case "u":
    case "y":
      return "0";
    case "h":
      return "";
    case "b":
      return "1";
    case "p":
      return next === "h" ? "3" : "1";
    case "d":
    case "t":
      return "csz".includes(next) && next ? "8" : "2";
    case "f":
    case "v":
    case "w":
      return "3";
    case "g":
    case "k":
    case "q":
      return "4";
    case "c":
      if (first) return next && "ahkloqrux".includes(next) ? "4" : "8";
      return next && "ahkoqux".includes(next) && !"sz".includes(prev) ? "4" : "8";
    case "x":
      return prev && "ckq".includes(prev) ? "8" : "48";
    case "l":
      return "5";
    case "m":
    case "n":
      return "6";
    case "r":
      return "7";
    case "s":
    case "z":
      return "8";
    default:
      return "";
  }
};

/** The Kölner Phonetik code of one word of letters a–z ("mohammed" → "662"). */
export function koelnerPhonetik(word: string): string {
  let raw = "";
  for (let i = 0; i < word.length; i++) raw += codeOf(word[i], word[i - 1] ?? "", word[i + 1] ?? "", i === 0);
  let collapsed = "";
  for (const c of raw) if (c !== collapsed.at(-1)) collapsed += c;
  return collapsed.slice(0, 1) + collapsed.slice(1).replaceAll("0", "");
}

const codes = (words: string[]) => [...new Set(words.map(koelnerPhonetik).filter((c) => c.length > 0))];

/**
 * The spellings one written word stands for: itself and, with a glued article, the rest; a stored
 * "Abd al-" compound also stands for its two parts, so "Abdul Rahman" finds "Abdelrahman".
 */
const variants = (w: string, stored = false): string[] => {
  const m = GLUED.exec(w);
  if (m) return [w, m[2]];
  const a = ABD.exec(w);
  if (a) return stored ? [w, a[1], a[2]] : [w, a[2]];
  return [w];
};

/**
 * The codes to store for a person's name fields: every word (articles dropped) with its variants, and
 * each two neighbouring words written together ("Abdel Rahman" is also found as "Abdelrahman").
 */
export function storedCodes(fields: readonly (string | undefined)[]): string[] {
  const words: string[] = [];
  for (const f of fields) {
    if (!f) continue;
    const ws = nameWords(f);
    for (let i = 0; i < ws.length; i++) {
      if (!ARTICLES.has(ws[i])) words.push(...variants(ws[i], true));
      if (i + 1 < ws.length) words.push(ws[i] + ws[i + 1]);
    }
  }
  return codes(words);
}

/**
 * What a query asks for: one group per name part (articles dropped), each with the codes of its
 * spelling variants. A client is found when every group meets one of its stored codes.
 */
export function queryGroups(name: string): string[][] {
  const groups = nameWords(name)
    .filter((w) => !ARTICLES.has(w))
    .map((w) => codes(variants(w)))
    .filter((g) => g.length > 0);
  // The same part twice ("Mohammed Mohammed") asks nothing more.
  const seen = new Set<string>();
  return groups.filter((g) => {
    const k = g.join(" ");
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
