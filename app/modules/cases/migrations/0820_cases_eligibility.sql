-- Eligibility rules and the step catalogue of case work (issue 16, item 4). Law is the same for every
-- municipality, so these tables are global reference data without tenant_id: written only by
-- migrations and the owning role (the CLI command cases:eligibility-add), read by the request role.
-- kernel/db/migrate.ts grants every table to teilhabe_app after each run, so the request role's
-- rights are narrowed by row-level security instead: a SELECT policy and no other, so its INSERT,
-- UPDATE and DELETE find no row to act on and insert nothing. The owning role is not subject to it.

-- A rule whose versions change over time ("high prospect of staying" list, § 5a AsylbLG, § 421 SGB III).
-- kind selects the shape of a version's parameters (validated by a Zod schema per kind in
-- eligibility/service.ts): country_list {countries}, minimum_age {minimumAge}, entry_deadline
-- {entryUntil, residenceStatuses?}.
CREATE TABLE case_eligibility_rules (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,60}$'),
  kind text NOT NULL CHECK (kind IN ('country_list', 'minimum_age', 'entry_deadline')),
  label_de text NOT NULL CHECK (length(btrim(label_de)) BETWEEN 1 AND 200),
  label_en text NOT NULL CHECK (length(btrim(label_en)) BETWEEN 1 AND 200),
  position int NOT NULL DEFAULT 0
);

-- One version of a rule, valid from valid_from to valid_to (both days included; NULL: open). A
-- decision keeps the id of the version it used, so a version's content never changes once recorded
-- (trigger below): only an open version may be closed.
CREATE TABLE case_eligibility_rule_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_code text NOT NULL REFERENCES case_eligibility_rules(code) ON DELETE RESTRICT,
  valid_from date NOT NULL,
  valid_to date CHECK (valid_to >= valid_from),
  parameters jsonb NOT NULL CHECK (jsonb_typeof(parameters) = 'object'),
  -- The law or document, with the seed line where there is one.
  source text NOT NULL CHECK (length(btrim(source)) BETWEEN 1 AND 500),
  -- What of this version is an assumption rather than in the source.
  note text CHECK (length(note) <= 2000),
  -- An illustration, not law: never to be presented as a fact.
  is_example boolean NOT NULL DEFAULT false,
  recorded_by text NOT NULL CHECK (length(btrim(recorded_by)) BETWEEN 1 AND 200),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_eligibility_rule_versions_rule_idx ON case_eligibility_rule_versions (rule_code, valid_from);

-- No two versions of a rule may be valid on the same day. An exclusion constraint on (rule_code,
-- daterange) needs btree_gist, which the embedded database does not bundle, so a trigger checks it;
-- it first locks the rule's row, so two transactions adding versions of one rule queue.
CREATE OR REPLACE FUNCTION case_eligibility_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  other record;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.id <> OLD.id OR NEW.rule_code <> OLD.rule_code OR NEW.valid_from <> OLD.valid_from
      OR NEW.parameters <> OLD.parameters OR NEW.source <> OLD.source
      OR NEW.note IS DISTINCT FROM OLD.note OR NEW.is_example <> OLD.is_example
      OR NEW.recorded_by <> OLD.recorded_by OR NEW.recorded_at <> OLD.recorded_at THEN
      RAISE EXCEPTION 'Eine Fassung einer Anspruchsregel wird nicht geändert; nur eine offene Fassung kann beendet werden.'
        USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.valid_to IS DISTINCT FROM OLD.valid_to AND OLD.valid_to IS NOT NULL THEN
      RAISE EXCEPTION 'Nur eine offene Fassung einer Anspruchsregel kann beendet werden.'
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  PERFORM 1 FROM case_eligibility_rules WHERE code = NEW.rule_code FOR UPDATE;
  SELECT id, valid_from, valid_to INTO other FROM case_eligibility_rule_versions v
    WHERE v.rule_code = NEW.rule_code AND v.id <> NEW.id
      AND daterange(v.valid_from, v.valid_to, '[]') && daterange(NEW.valid_from, NEW.valid_to, '[]')
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'Die Fassung von % überschneidet sich mit der Fassung ab % der Regel %.',
      NEW.valid_from, other.valid_from, NEW.rule_code
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'case_eligibility_rule_versions_no_overlap';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_eligibility_versions_guard BEFORE INSERT OR UPDATE ON case_eligibility_rule_versions
  FOR EACH ROW EXECUTE FUNCTION case_eligibility_versions_guard();

-- The catalogue of goals and steps of a plan (issue 16 item 4; seed 002 l. 256–258, 282–292).
-- institution_kinds: who is usually responsible (the core's institutions carry the same codes).
CREATE TABLE case_step_types (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,60}$'),
  label_de text NOT NULL CHECK (length(btrim(label_de)) BETWEEN 1 AND 200),
  label_en text NOT NULL CHECK (length(btrim(label_en)) BETWEEN 1 AND 200),
  step_group text NOT NULL CHECK (step_group IN ('language', 'competence', 'orientation', 'practice', 'training',
    'work', 'recognition', 'youth', 'asylblg')),
  institution_kinds text[] NOT NULL CHECK (cardinality(institution_kinds) >= 1 AND institution_kinds <@ ARRAY['jobcenter',
    'agentur_fuer_arbeit', 'jugendamt', 'sozialamt', 'auslaenderbehoerde', 'ihk', 'hwk', 'provider', 'volunteer_network']),
  eligibility_rule text REFERENCES case_eligibility_rules(code) ON DELETE RESTRICT,
  position int NOT NULL DEFAULT 0
);

ALTER TABLE case_eligibility_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_reference ON case_eligibility_rules FOR SELECT TO teilhabe_app USING (true);
ALTER TABLE case_eligibility_rule_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_reference ON case_eligibility_rule_versions FOR SELECT TO teilhabe_app USING (true);
ALTER TABLE case_step_types ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_reference ON case_step_types FOR SELECT TO teilhabe_app USING (true);

INSERT INTO case_eligibility_rules (code, kind, label_de, label_en, position) VALUES
  ('high_prospect_of_staying', 'country_list', 'Hohe Bleibeperspektive (Herkunftsländer)',
    'High prospect of staying (countries of origin)', 1),
  ('asylblg_5a', 'minimum_age', 'Flüchtlingsintegrationsmaßnahme nach § 5a AsylbLG (Mindestalter)',
    'Refugee integration measure under § 5a AsylbLG (minimum age)', 2),
  ('sgb3_421', 'entry_deadline', 'Sprachkursförderung nach § 421 SGB III (Maßnahmeeintritt)',
    'Language course funding under § 421 SGB III (start of the course)', 3);

-- Only the versions the seeds support. Nationalities are ISO 3166-1 alpha-2 codes.
INSERT INTO case_eligibility_rule_versions (rule_code, valid_from, valid_to, parameters, source, note, recorded_by) VALUES
  ('high_prospect_of_staying', '2016-01-01', '2016-12-31', '{"countries": ["ER", "IR", "IQ", "SY"]}',
    'Vorlage FB 50/0144/WP17, 24.03.2016: „hoher Bleibeperspektive (aktuell: Eritrea, Iran, Irak, Syrien)“ (seed 002 l. 204–208, auch l. 248)',
    'Annahme: Die Vorlage belegt die Liste nur als „aktuell“ im März 2016 (Gemeinsame Erklärung Januar 2016, seed 002 l. 196). Beginn 01.01.2016 und Ende 31.12.2016 sind angenommen; spätere Listen stehen in keiner Quelle und werden mit cases:eligibility-add erfasst. Bis dahin scheitert eine Entscheidung nach 2016 ausdrücklich.',
    'Migration 0820'),
  ('asylblg_5a', '2016-08-06', NULL, '{"minimumAge": 18}',
    'AsylbLG (Änderungen 2016) § 5a Abs. 1 S. 1: „die das 18. Lebensjahr vollendet haben“ (seed 000 l. 3841–3857)',
    'Annahme: Beginn 06.08.2016 (Inkrafttreten des Integrationsgesetzes) steht nicht im Seed, der nur „Änderungen 2016“ nennt; ein Ende ist nicht erfasst.',
    'Migration 0820'),
  ('sgb3_421', '2015-10-24', NULL, '{"entryUntil": "2015-12-31", "residenceStatuses": ["aufenthaltsgestattung"]}',
    'Asylverfahrensbeschleunigungsgesetz (2015), § 421 Abs. 1 SGB III: Aufenthaltsgestattung, „Maßnahmeeintritt bis zum 31. Dezember 2015“ (seed 000 l. 3819–3839)',
    'Annahme: Beginn 24.10.2015 (Inkrafttreten des Gesetzes) steht nicht im Seed. Die Vermutung gegen einen dauerhaften Aufenthalt bei sicheren Herkunftsstaaten (§ 29a AsylG) prüft die Regel nicht.',
    'Migration 0820');

INSERT INTO case_step_types (code, label_de, label_en, step_group, institution_kinds, eligibility_rule, position) VALUES
  ('integrationskurs', 'Integrationskurs', 'Integration course', 'language',
    ARRAY['jobcenter', 'auslaenderbehoerde', 'provider'], 'high_prospect_of_staying', 10),
  ('berufssprachkurs', 'Berufssprachkurs', 'Job-related language course', 'language',
    ARRAY['jobcenter', 'agentur_fuer_arbeit', 'provider'], 'high_prospect_of_staying', 20),
  ('sprachkurs_421', 'Einstiegskurs Deutsch nach § 421 SGB III', 'Introductory German course under § 421 SGB III',
    'language', ARRAY['agentur_fuer_arbeit', 'provider'], 'sgb3_421', 30),
  ('kompetenzfeststellung', 'Kompetenzfeststellung', 'Skills assessment', 'competence',
    ARRAY['agentur_fuer_arbeit', 'jobcenter', 'provider'], NULL, 40),
  ('alltagsorientierung', 'Alltagsorientierung', 'Everyday orientation', 'orientation',
    ARRAY['sozialamt', 'volunteer_network', 'provider'], NULL, 50),
  ('praktikum', 'Praktikum', 'Work placement', 'practice',
    ARRAY['agentur_fuer_arbeit', 'jobcenter', 'ihk', 'hwk', 'provider'], NULL, 60),
  ('einstiegsqualifizierung', 'Einstiegsqualifizierung', 'Introductory training (EQ)', 'training',
    ARRAY['agentur_fuer_arbeit', 'jobcenter', 'ihk', 'hwk'], NULL, 70),
  ('ausbildung', 'Ausbildung', 'Vocational training', 'training',
    ARRAY['agentur_fuer_arbeit', 'jobcenter', 'ihk', 'hwk'], NULL, 80),
  ('arbeit', 'Arbeit', 'Employment', 'work', ARRAY['jobcenter', 'agentur_fuer_arbeit'], NULL, 90),
  ('anerkennungsberatung', 'Anerkennungsberatung', 'Recognition counselling', 'recognition',
    ARRAY['ihk', 'hwk', 'provider'], NULL, 100),
  ('jugendberufshilfe', 'Jugendberufshilfe', 'Youth vocational support', 'youth',
    ARRAY['jugendamt', 'provider'], NULL, 110),
  ('asylblg_5_arbeitsgelegenheit', 'Arbeitsgelegenheit nach § 5 AsylbLG', 'Work opportunity under § 5 AsylbLG',
    'asylblg', ARRAY['sozialamt', 'provider', 'volunteer_network'], NULL, 120),
  ('asylblg_5a_fim', 'Flüchtlingsintegrationsmaßnahme nach § 5a AsylbLG',
    'Refugee integration measure under § 5a AsylbLG', 'asylblg', ARRAY['sozialamt', 'agentur_fuer_arbeit'],
    'asylblg_5a', 130);
