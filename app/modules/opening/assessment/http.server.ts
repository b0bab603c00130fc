import { data } from "react-router";
import type { RouterContextProvider } from "react-router";
import { requireRole, tenantContext, tFor } from "~/kernel/http/context";
import { roleAtLeast, type Role } from "~/kernel/roles";
import type { AssessmentRow } from "./service";

type Ctx = Readonly<RouterContextProvider>;

/**
 * Who may do what with assessments: viewers read all, editors change all; an organisation's partner
 * account reads and changes only its own organisation's (it runs its self-assessment itself).
 */
export function assessmentAccess(context: Ctx): { role: Role; ownOrganisation: string | null; editsAll: boolean } {
  const role = requireRole(context, "partner");
  const { organisationId } = context.get(tenantContext);
  if (role === "partner" && !organisationId) throw forbidden(context);
  return { role, ownOrganisation: role === "partner" ? organisationId : null, editsAll: roleAtLeast(role, "editor") };
}

export const canEdit = (access: ReturnType<typeof assessmentAccess>, a: Pick<AssessmentRow, "organisationId">) =>
  access.editsAll || (access.ownOrganisation !== null && access.ownOrganisation === a.organisationId);

export const notFound = (context: Ctx) =>
  data({ message: tFor(context)("opening.assessment.errors.notFound") }, { status: 404 });
const forbidden = (context: Ctx) => data({ message: tFor(context)("errors.forbidden") }, { status: 403 });
export { forbidden };
