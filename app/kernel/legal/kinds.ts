// What the legal pages' components need too; no server code here (route components import it).
export const LEGAL_KINDS = ["impressum", "datenschutz", "barrierefreiheit"] as const;
/** Also the URL segment of each page, under /t/:slug and at the root (app/routes.ts). */
export type LegalKind = (typeof LEGAL_KINDS)[number];
export const CONFORMITY = ["full", "partial", "none"] as const;
