/**
 * Counted by hand from shared/seeds/000_fdafd9ca69334417.txt, chapter 7 (lines 2763–3807), not by
 * the code under test. Handlungsfeld order: SB Sprache/Bildung, AW Arbeit/Weiterbildung,
 * WS Wohnen/Sozialplanung, KR Kultur/Religion, SG Sport/Gesundheit, SI Sicherheit/…, OE Öffentlichkeitsarbeit/Presse.
 *
 * Leitziele per Themenfeld: 3, 7, 5, 8 = 23.
 * Teilziele: TF1 4+4+3 = 11; TF2 3+3+5+4+0+2+2 = 19; TF3 1+5+5+4+3 = 18; TF4 6+2+2+1+3+1+2+1 = 18; total 66.
 * Measures (the middle column): TF1 1.3 (2), 2.2, 2.3 (2), 2.4, 3.3 = 7; TF2 2.1, 4.2, Leitziel 5, 7.1 = 4;
 * TF3 2.5, 3.4, 3.5, 4.1, 4.4, 5.1 = 6; TF4 1.1, 1.3, 3.1, 3.2 (4), 6.1, 8.1 = 9; total 26.
 * A measure carries the Handlungsfelder of its row ("dto." = row above).
 */
export const HF_ORDER = ["SB", "AW", "WS", "KR", "SG", "SI", "OE"] as const;
export const EXPECTED = {
  themenfelder: 4,
  leitziele: 23,
  teilziele: 66,
  measures: 26,
  leitzielePerThemenfeld: [3, 7, 5, 8],
  teilzielePerThemenfeld: [11, 19, 18, 18],
  measuresPerThemenfeld: [7, 4, 6, 9],
  // rows: Themenfeld 1–4; columns: HF_ORDER
  measureMatrix: [
    [0, 7, 3, 3, 3, 0, 0], // 1.3×2 AWKS, 2.2/2.3×2/2.4 AW, 3.3 AWKS
    [1, 3, 2, 2, 3, 2, 1], // 2.1 AWKS; 4.2 AW+SG; Leitziel 5 SI; 7.1 all seven
    [6, 6, 6, 6, 6, 6, 6], // all six rows resolve to all seven
    [9, 9, 9, 9, 9, 0, 0], // all resolve to the five of 1.1
  ],
  teilzielMatrix: [
    [0, 11, 7, 7, 7, 0, 0],
    [12, 14, 10, 10, 11, 7, 7],
    [16, 16, 17, 16, 16, 16, 17],
    [18, 18, 18, 18, 18, 0, 0],
  ],
};
