import "./strings";
import { data } from "react-router";
import type { Route } from "./+types/cases-attachment-file";
import { tFor } from "~/kernel/http/context";
import { downloadAttachment } from "../attachments/service";
import { caseTx, requireCaseSeat } from "./session.server";

// One attachment's file (attachments/service.ts), decrypted, for those who may download the category;
// logged as a download. Always a download (never shown inline), never cached; never sniffed (the server
// sends X-Content-Type-Options: nosniff on every response, the flow test checks it here). The name
// can be personal: it goes into the response header only, never into the URL (the id does).

/** Content-Disposition for a name of any script: an ASCII stand-in plus the UTF-8 name (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const utf8 = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const r = await caseTx(context, seat, (tx, me) => downloadAttachment(tx, me, params.clientId, params.attachmentId));
  if (!r.ok) {
    const status = r.error.code === "cases.attachments.errors.notAllowed" ? 403 : 404;
    throw data({ message: tFor(context)(r.error.code) }, { status });
  }
  return new Response(new Uint8Array(r.value.bytes), {
    headers: {
      "Content-Type": r.value.mediaType,
      "Content-Length": String(r.value.bytes.length),
      "Content-Disposition": contentDisposition(r.value.name),
      "Cache-Control": "no-store",
    },
  });
}
