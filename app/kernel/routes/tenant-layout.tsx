import { Outlet } from "react-router";
import type { Route } from "./+types/tenant-layout";
import { appContext, requestContext, tenantContext, tenantMiddleware } from "../http/context";

export const middleware: Route.MiddlewareFunction[] = [tenantMiddleware];

export function loader({ context }: Route.LoaderArgs) {
  const { tenant, role } = context.get(tenantContext);
  const user = context.get(requestContext).user;
  return {
    tenant: {
      slug: tenant.slug,
      name: tenant.name,
      kind: tenant.kind,
      ags: tenant.ags,
      // Tenant settings (migration 0015): the header's logo and the languages the switcher offers.
      logoEtag: tenant.logoEtag,
      publicLanguages: tenant.publicLanguages,
    },
    isMember: !!role || !!user?.isSuperadmin,
    publicNav: context.get(appContext).nav.public.map((n) => ({ to: n.to, labelKey: n.labelKey })),
  };
}
export type TenantData = Awaited<ReturnType<typeof loader>>;

export default function TenantLayout() {
  return <Outlet />;
}
