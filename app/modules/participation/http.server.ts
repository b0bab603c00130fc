import { data, type RouterContextProvider } from "react-router";
import type { TFunction } from "i18next";
import { appContext, tFor } from "~/kernel/http/context";
import { eventStream } from "~/kernel/http/live";
import type { Failure } from "~/kernel/errors";
import type { Tx } from "~/kernel/db/client";
import QRCode from "qrcode";
import { config } from "~/kernel/config";
import { z } from "zod";
import { getWorkshop, type Workshop } from "./workshops";
import { getDraft, type Draft } from "./drafts";

type Ctx = Readonly<RouterContextProvider>;

/** A form field as the services' schemas take it: trimmed, and absent when empty. */
export const optional = (v: FormDataEntryValue | null): string | undefined => {
  const s = String(v ?? "").trim();
  return s === "" ? undefined : s;
};

/** The 404 page of an unknown process (or one of another tenant, which row-level security hides). */
export const processNotFound = (context: Ctx) =>
  data({ message: tFor(context)("participation.errors.notFound") }, { status: 404 });

/**
 * The refusal to publish in words: each missing thing named ("eine Ansprechperson mit Kontakt, der
 * Entscheidungsspielraum und das entscheidende Gremium").
 */
export function publishRefusal(t: TFunction, f: Failure): string {
  const keys = String(f.error.params?.missing ?? "")
    .split(",")
    .filter(Boolean);
  const names = keys.map((k) => t(`participation.missing.${k}`));
  const list =
    names.length > 1 ? `${names.slice(0, -1).join(", ")} ${t("participation.missing.and")} ${names.at(-1)}` : names[0];
  return t("participation.errors.publishMissing", { missing: list });
}

/** The 404 page of an unknown workshop, or one that does not belong to the process in the URL. */
export const workshopNotFound = (context: Ctx) =>
  data({ message: tFor(context)("participation.workshopErrors.notFound") }, { status: 404 });

/** The workshop of a staff URL (…/beteiligung/:id/werkstatt/:workshopId), or the 404 page. */
export async function staffWorkshop(context: Ctx, tx: Tx, processId: string, workshopId: string): Promise<Workshop> {
  const w = z.uuid().safeParse(workshopId).success ? await getWorkshop(tx, workshopId) : undefined;
  if (!w || w.processId !== processId) throw workshopNotFound(context);
  return w;
}

/** The address a participant's phone opens (the QR code's content). */
export const joinUrl = (slug: string, code: string) => `${config().baseUrl}/t/${slug}/werkstatt/${code}`;

/** The join link as a QR code (SVG markup, drawn on the server: the projector needs no script). */
export const joinQr = (url: string) => QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" });

/** The event stream of one workshop's board: "cards" and "control", nothing else (decision 0030). */
export const boardStream = (context: Ctx, request: Request, workshopId: string) =>
  eventStream({
    db: context.get(appContext).db,
    channel: "participation_board",
    signal: request.signal,
    pick: (payload) => {
      const [id, what] = payload.split(" ");
      return id === workshopId ? what : undefined;
    },
  });

/** The 404 page of an unknown draft, one of another process or tenant, or (publicly) of an unpublished process. */
export const draftNotFound = (context: Ctx) =>
  data({ message: tFor(context)("participation.draftErrors.notFound") }, { status: 404 });

/**
 * The draft of a URL (…/beteiligung/:id/entwurf/:draftId), or the 404 page. The public pages take only
 * a draft of a published or closed process.
 */
export async function draftOf(
  context: Ctx,
  tx: Tx,
  processId: string,
  draftId: string,
  view: "staff" | "public",
): Promise<Draft> {
  const d = await getDraft(tx, draftId);
  if (!d || d.processId !== processId || (view === "public" && d.processStatus === "draft"))
    throw draftNotFound(context);
  return d;
}
