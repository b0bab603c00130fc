-- Job-ad clauses (issue 15 item 8): the sentences partners of the NRW network put into their job
-- advertisements, verbatim from their reports with file and lines (seed 004), as built-in entries of
-- every tenant; tenants add their own. Built-in rows carry a key and cannot be edited or removed
-- (only their own rows may be), so the library always shows the sources as reported.
CREATE TABLE opening_job_ad_clauses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  builtin_key text CHECK (builtin_key ~ '^[a-z0-9_]{1,60}$'),
  body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000),
  -- Who uses it ("Kreis Lippe"), and for a built-in where the seed says so.
  source_label text NOT NULL CHECK (length(btrim(source_label)) BETWEEN 1 AND 200),
  source_file text CHECK (source_file ~ '^[0-9]{3}$'),
  line_from int CHECK (line_from > 0),
  line_to int,
  position int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((builtin_key IS NULL) = (source_file IS NULL)),
  CHECK ((source_file IS NULL) = (line_from IS NULL) AND (line_from IS NULL) = (line_to IS NULL)),
  CHECK (line_to >= line_from),
  UNIQUE (tenant_id, builtin_key)
);
SELECT tenant_rls('opening_job_ad_clauses');

-- The built-in clauses (text joined across the report's line breaks and hyphenations), for one tenant.
CREATE FUNCTION opening_seed_job_ad_clauses(t uuid) RETURNS void LANGUAGE sql SECURITY DEFINER
SET search_path = public AS $$
  INSERT INTO opening_job_ad_clauses (tenant_id, builtin_key, body, source_label, source_file, line_from, line_to, position)
  VALUES
    (t, 'arnsberg_begruesst', 'Die Bewerbung von Personen mit Migrationshintergrund, die die Voraussetzungen erfüllen, wird begrüßt',
      'Bezirksregierung Arnsberg', '004', 631, 633, 1),
    (t, 'lippe_begruessen', 'Wir begrüßen deshalb Bewerbungen von Frauen und Männern, unabhängig von deren kultureller und sozialer Herkunft, Alter, Religion, Weltanschauung, Behinderung oder sexueller Identität',
      'Kreis Lippe', '004', 745, 748, 2),
    (t, 'wdr_fuehrung', 'Zur Personalführung gehören auch die Integration und Förderung der Beschäftigung von Mitarbeiterinnen und Mitarbeitern ausländischer Herkunft.',
      'Westdeutscher Rundfunk (Profil für Führungspositionen)', '004', 2452, 2454, 3),
    (t, 'lvr_freuen', 'Wir freuen uns über Bewerbungen von Menschen mit Migrationshintergrund.',
      'Landschaftsverband Rheinland', '004', 3599, 3600, 4),
    (t, 'duesseldorf_ausdruecklich', 'Diese Stellenausschreibung wendet sich ausdrücklich auch an Menschen mit Migrationshintergrund',
      'Bezirksregierung Düsseldorf', '004', 4538, 4539, 5),
    (t, 'juelich_gleichstellung', 'Die Stadtverwaltung Jülich fördert die Gleichstellung aller Mitarbeiterinnen und Mitarbeiter und engagiert sich „Miteinander - Füreinander“ für eine weltoffene, tolerante und hilfsbereite Stadt als „Ort der Vielfalt“. Deshalb sind Bewerbungen von Frauen und Männern, ungeachtet der kulturellen und sozialen Herkunft, des Alters, der Religion, der Weltanschauung, einer Behinderung oder der sexuellen Identität gerne gesehen.',
      'Stadt Jülich', '004', 4946, 4953, 6)
  ON CONFLICT (tenant_id, builtin_key) DO NOTHING;
$$;

CREATE FUNCTION opening_seed_job_ad_clauses_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  PERFORM opening_seed_job_ad_clauses(NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER opening_job_ad_clauses_seed AFTER INSERT ON tenants
  FOR EACH ROW EXECUTE FUNCTION opening_seed_job_ad_clauses_trigger();
SELECT opening_seed_job_ad_clauses(id) FROM tenants;

SELECT rls_initplan();
SELECT tenant_safe_references();
