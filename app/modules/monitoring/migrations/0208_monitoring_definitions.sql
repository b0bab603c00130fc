-- The declared definition of an indicator's own series: what is counted, on which date, by which rule
-- (decision 0039). A Land or Kreis compares its members' indicators only where the definitions – and the
-- derivations over them – are the same, not where the codes are. Derived indicators declare nothing of
-- their own: their definition is their derivation over the operands' definitions.
ALTER TABLE mon_indicators ADD COLUMN definition text CHECK (length(definition) BETWEEN 1 AND 2000);

-- Core-set rows were created from the starter catalogue, so they carry its definitions (the same texts
-- as CORE_DEFINITIONS in catalogue.ts; a test keeps them equal).
UPDATE mon_indicators i SET definition = v.definition
FROM (VALUES
  ('einwohner', 'Einwohnerinnen und Einwohner mit Hauptwohnsitz am 31.12. (Melderegister)'),
  ('einwohner_mh', 'Einwohner mit Hauptwohnsitz am 31.12. mit Migrationshintergrund nach Melderegister-Ableitung (MigraPro): Ausländer, Eingebürgerte, Aussiedler und Kinder mit mindestens einem zugewanderten Elternteil'),
  ('auslaender', 'Einwohner mit Hauptwohnsitz am 31.12. ohne deutsche Staatsangehörigkeit (Melderegister)'),
  ('eingebuergerte', 'Einwohner mit Hauptwohnsitz am 31.12., die durch Einbürgerung Deutsche sind (Melderegister)'),
  ('einbuergerungen', 'Einbürgerungen im Kalenderjahr (Einbürgerungsstatistik)'),
  ('kinder_3_6', 'Kinder von 3 bis unter 6 Jahren mit Hauptwohnsitz (Melderegister); Gruppen gesamt, mit_mh, ohne_mh (Migrationshintergrund nach MigraPro)'),
  ('kita_kinder_3_6', 'Kinder von 3 bis unter 6 Jahren in Kindertagesbetreuung am Stichtag 1.3. (Kinder- und Jugendhilfestatistik); Gruppen gesamt, mit_mh (mindestens ein Elternteil ausländischer Herkunft), ohne_mh'),
  ('schulabgaenger', 'Abgängerinnen und Abgänger allgemeinbildender Schulen im Schuljahr (Schulstatistik); Gruppen gesamt, auslaender, deutsche'),
  ('schulabgaenger_ohne_abschluss', 'Abgängerinnen und Abgänger allgemeinbildender Schulen ohne Hauptschulabschluss im Schuljahr (Schulstatistik); Gruppen gesamt, auslaender, deutsche'),
  ('svb_beschaeftigte', 'Sozialversicherungspflichtig Beschäftigte am Wohnort am 30.6. (Beschäftigungsstatistik der BA); Gruppen gesamt, auslaender, deutsche'),
  ('bev_15_65', 'Einwohner von 15 bis unter 65 Jahren mit Hauptwohnsitz am 31.12. (Melderegister); Gruppen gesamt, auslaender, deutsche'),
  ('arbeitslose', 'Arbeitslose nach SGB II und SGB III im Jahresdurchschnitt (Arbeitsmarktstatistik der BA); Gruppen gesamt, auslaender, deutsche'),
  ('sgb2_leistungsberechtigte', 'Leistungsberechtigte nach SGB II im Dezember (Grundsicherungsstatistik der BA); Gruppen gesamt, auslaender, deutsche'),
  ('wohnflaeche_je_person', 'Wohnfläche in Wohnungen in m² je Einwohner (Mikrozensus oder kommunale Wohnungsmarktbeobachtung)'),
  ('u8_teilnahme', 'Anteil der Kinder der Schuleingangsuntersuchung mit Nachweis der Früherkennungsuntersuchung U8; Gruppen gesamt, mit_mh, ohne_mh'),
  ('verwaltung_mh_anteil', 'Anteil der Beschäftigten der Kommunalverwaltung mit Migrationshintergrund (freiwillige Beschäftigtenbefragung)')
) AS v(code, definition)
WHERE i.core_set AND i.derivation IS NULL AND i.definition IS NULL AND i.code = v.code;
