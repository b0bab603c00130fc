// The process templates: each kind's default phases, as day offsets from the start date the staff
// enter. The Zukunftswerkstatt's three phases are Jungk's (seed 001:269–279); the Fachgespräch's
// follow the Aachen procedure (seed 000:2527–2540: invite, meet, work the results into the concept).

export const PROCESS_KINDS = [
  "fachgespraech",
  "zukunftswerkstatt",
  "fachforum",
  "initiativkreis",
  "auftakt",
  "abschluss",
  "open_space",
  "world_cafe",
  "custom",
] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

/** A default phase: its name (stored with the process, German like all content), its first and last day after the start. */
export interface PhaseTemplate {
  name: string;
  from: number;
  to: number;
}

const feedback: PhaseTemplate = { name: "Rückmeldung an die Beteiligten", from: 1, to: 90 };

export const TEMPLATES: Record<ProcessKind, readonly PhaseTemplate[]> = {
  fachgespraech: [
    { name: "Einladung", from: -28, to: -1 },
    { name: "Fachgespräch", from: 0, to: 0 },
    { name: "Auswertung", from: 1, to: 42 },
    feedback,
  ],
  zukunftswerkstatt: [
    { name: "Kritikphase", from: 0, to: 0 },
    { name: "Phantasiephase", from: 0, to: 0 },
    { name: "Realisierungsphase", from: 0, to: 0 },
    feedback,
  ],
  fachforum: [{ name: "Veranstaltung", from: 0, to: 0 }, { name: "Auswertung", from: 1, to: 42 }, feedback],
  initiativkreis: [{ name: "Veranstaltung", from: 0, to: 0 }, feedback],
  auftakt: [{ name: "Einladung", from: -28, to: -1 }, { name: "Veranstaltung", from: 0, to: 0 }, feedback],
  abschluss: [{ name: "Veranstaltung", from: 0, to: 0 }, feedback],
  open_space: [{ name: "Veranstaltung", from: 0, to: 0 }, { name: "Dokumentation", from: 1, to: 14 }, feedback],
  world_cafe: [{ name: "Veranstaltung", from: 0, to: 0 }, { name: "Dokumentation", from: 1, to: 14 }, feedback],
  custom: [{ name: "Veranstaltung", from: 0, to: 0 }],
};
