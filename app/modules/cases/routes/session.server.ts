import { eq } from "drizzle-orm";
import { data } from "react-router";
import type { Tx } from "~/kernel/db/client";
import {
  appContext,
  currentUser,
  dbErrorResponse,
  limitIdle,
  requireSecondFactor,
  requireUser,
  tenantContext,
  tenantTx,
  tFor,
} from "~/kernel/http/context";
import { may, mySeats, withCase, type Me } from "../core/context";
import { clients } from "../core/schema";
import { institutionsOfNetwork } from "../core/views";

// The doorway of every case page (issue 16 item 5): a second factor verified in this session, a
// session that ends after 15 idle minutes, and the network in which the user is staff of an
// institution of this tenant (a Jugendamt worker under /t/aachen, a Jobcenter worker under
// /t/staedteregion-aachen). Everything after that is decided by case_may() in the database.

/** Minutes of inactivity after which a session that touched case work ends. */
export const CASE_IDLE_MINUTES = 15;

export interface CaseSeat {
  networkId: string;
  networkName: string;
  institutionName: string;
  siteName: string | null;
  role: string;
}

type Ctx = Parameters<typeof tenantTx>[0];

/**
 * The user's seat in a network through an institution of this tenant, or null. A seat demands a
 * second factor verified in this session and shortens the session's idle time; without a seat there
 * is nothing of case work to protect (the page says so).
 */
export async function caseSeat(context: Ctx, request: Request): Promise<CaseSeat | null> {
  requireUser(context, request);
  const { tenant } = context.get(tenantContext);
  const seats = await tenantTx(context, mySeats);
  const seat = seats.find((s) => s.homeTenantId === tenant.id);
  if (!seat) return null;
  requireSecondFactor(context, request);
  await limitIdle(context, CASE_IDLE_MINUTES);
  return {
    networkId: seat.networkId,
    networkName: seat.networkName,
    institutionName: seat.institutionName,
    siteName: seat.siteName,
    role: seat.role,
  };
}

/** Like caseSeat, but a user without one gets a 403 page that says why. */
export async function requireCaseSeat(context: Ctx, request: Request): Promise<CaseSeat> {
  const seat = await caseSeat(context, request);
  if (!seat) throw data({ message: tFor(context)("cases.errors.noSeat") }, { status: 403 });
  return seat;
}

/** Runs fn as the staff member in their network (withCase); database errors become German pages. */
export async function caseTx<T>(context: Ctx, seat: CaseSeat, fn: (tx: Tx, me: Me) => Promise<T>): Promise<T> {
  const { db } = context.get(appContext);
  const u = currentUser(context);
  if (!u) throw data({ message: tFor(context)("errors.forbidden") }, { status: 403 });
  try {
    return await withCase(db, { userId: u.id, networkId: seat.networkId, label: u.email }, (tx, me) => {
      if (!me) throw data({ message: tFor(context)("cases.errors.noSeat") }, { status: 403 });
      return fn(tx, me);
    });
  } catch (e) {
    throw dbErrorResponse(context, e);
  }
}

/**
 * What a form about a flow to other institutions (consent, statutory basis) needs: the client's
 * pseudonym and the network's other institutions – for writers of the client only (else 403).
 */
export async function flowFormData(context: Ctx, request: Request, clientId: string) {
  const seat = await requireCaseSeat(context, request);
  const r = await caseTx(context, seat, async (tx, me) => {
    if (!(await may(tx, clientId, null, "write"))) return null;
    const [c] = await tx.select({ pseudonym: clients.pseudonym }).from(clients).where(eq(clients.id, clientId));
    const insts = (await institutionsOfNetwork(tx)).filter((i) => i.id !== me.institutionId);
    return { pseudonym: c.pseudonym, insts };
  });
  if (!r) throw data({ message: tFor(context)("cases.errors.notAllowed") }, { status: 403 });
  return { slug: context.get(tenantContext).tenant.slug, clientId, ...r };
}
