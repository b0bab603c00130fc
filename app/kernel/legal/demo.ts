import type { Database, Tx } from "../db/client";
import { withSystem } from "../db/context";
import { platformLegalPages } from "../db/schema";
import { saveLegalPage } from "./service";

// Demo legal pages: invented, marked "Beispiel" in their first line, so that the footer's links lead
// somewhere in the demo and the feedback form can be tried (it goes to the demo outbox).

const impressum = (name: string) =>
  `Beispiel – erfundene Angaben für die Demo.\n\n${name}\nDer Oberbürgermeister bzw. Landrat (Beispiel)\nMusterstraße 1, 00000 Musterstadt\n\n` +
  `E-Mail: integration@example.org\nTelefon: 0000 000000\n\nVerantwortlich für den Inhalt: Kommunales Integrationszentrum (Beispiel).`;
const datenschutz = (name: string) =>
  `Beispiel – erfundene Angaben für die Demo.\n\nVerantwortlich im Sinne der DSGVO ist: ${name}, Musterstraße 1, 00000 Musterstadt. ` +
  `Datenschutzbeauftragte: datenschutz@example.org.\n\nBeim Besuch der öffentlichen Seiten werden keine Cookies zur Verfolgung gesetzt; ` +
  `ein Sprach-Cookie speichert nur die gewählte Sprache. Rückmeldungen über Formulare werden nur zur Bearbeitung verwendet.`;

/** The three pages of the transaction's tenant. */
export async function seedDemoLegal(tx: Tx, name: string) {
  await saveLegalPage(tx, { kind: "impressum", body: impressum(name) });
  await saveLegalPage(tx, { kind: "datenschutz", body: datenschutz(name) });
  await saveLegalPage(tx, {
    kind: "barrierefreiheit",
    body:
      `Beispiel – erfundene Angaben für die Demo.\n\n${name} ist bemüht, seine Website im Einklang mit den ` +
      `landesrechtlichen Vorschriften zur Umsetzung der Richtlinie (EU) 2016/2102 barrierefrei zugänglich zu machen.`,
    conformity: "partial",
    barriers:
      "Karten: Die Karte der Angebote ist mit der Tastatur nur eingeschränkt bedienbar. Alle Angebote stehen auch in der Liste daneben.",
    assessedOn: "2026-11-30",
    feedbackEmail: "barrierefreiheit@example.org",
    enforcementName: "Schlichtungsstelle (Beispiel)",
    enforcementUrl: "https://example.org/schlichtungsstelle",
  });
}

/** The platform operator's pages of the demo installation. */
export async function seedDemoPlatformLegal(db: Database) {
  await withSystem(db, (tx) =>
    tx
      .insert(platformLegalPages)
      .values([
        { kind: "impressum", body: impressum("Betreiber der Demo-Plattform Teilhabe") },
        { kind: "datenschutz", body: datenschutz("Betreiber der Demo-Plattform Teilhabe") },
        {
          kind: "barrierefreiheit",
          body: "Beispiel – erfundene Angaben für die Demo.",
          conformity: "partial",
          barriers:
            "Karten sind mit der Tastatur nur eingeschränkt bedienbar; alle Inhalte stehen auch als Liste bereit.",
          assessedOn: "2026-11-30",
          feedbackEmail: "barrierefreiheit@example.org",
          enforcementName: "Schlichtungsstelle (Beispiel)",
          enforcementUrl: "https://example.org/schlichtungsstelle",
        },
      ])
      .onConflictDoNothing(),
  );
}
