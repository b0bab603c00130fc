import { data } from "react-router";
import type { Route } from "./+types/public-event-ics";
import { tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { config } from "~/kernel/config";
import { listEvents, publicEvent, type ParticipationEvent } from "../events";
import { icsCalendar } from "../ics";
import { publicProcess } from "../service";

// Calendar files (RFC 5545): one published event (…/veranstaltungen/:id/termin.ics), or the published
// events of a published process (…/beteiligung/:processId/termine.ics).
export async function loader({ params, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const found = await tenantTx(context, async (tx) => {
    if (params.id) {
      const e = await publicEvent(tx, params.id);
      return e && { name: e.title, events: [e] };
    }
    const p = await publicProcess(tx, params.processId!);
    return (
      p && { name: p.process.title, events: await listEvents(tx, { processId: params.processId, published: true }) }
    );
  });
  if (!found) throw data({ message: tFor(context)("participation.eventErrors.notFound") }, { status: 404 });
  const base = config().baseUrl;
  const item = (e: ParticipationEvent) => ({
    id: e.id,
    title: e.title,
    description: e.description,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    location: [e.venueAddress, e.onlineLink].filter(Boolean).join(" / ") || null,
    url: `${base}/t/${tenant.slug}/veranstaltungen/${e.id}`,
    updatedAt: e.updatedAt,
  });
  return new Response(icsCalendar(found.events.map(item), found.name, new URL(base).hostname), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${params.id ? "termin" : "termine"}.ics"`,
    },
  });
}
