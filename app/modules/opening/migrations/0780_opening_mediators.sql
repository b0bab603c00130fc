-- The language-mediator pool (issue 15 item 5; seed 004: registers of language mediators, bookings,
-- hours per year): mediators with their languages (German Sign Language included), qualification,
-- confidentiality pledge and consent to be listed; departments request a mediator for a date, place and
-- language; only a pledged mediator who speaks the language can be assigned. A mediator sees date,
-- place, language and an opaque reference – the request's purpose stays with the staff.
CREATE TABLE opening_mediators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('staff_volunteer', 'employed', 'contracted', 'telephone_service')),
  organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
  email text CHECK (length(email) <= 200),
  phone text CHECK (length(phone) <= 50),
  qualification text CHECK (length(qualification) <= 500),
  qualification_hours int CHECK (qualification_hours BETWEEN 0 AND 2000),
  exam_passed boolean NOT NULL DEFAULT false,
  -- The confidentiality pledge: without it no assignment (opening_mediation_assign below).
  pledged_on date,
  listing_consent boolean NOT NULL DEFAULT false,
  availability text CHECK (length(availability) <= 500),
  -- The account with which the mediator sees their assignments (optional).
  user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  active boolean NOT NULL DEFAULT true,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name)
);

CREATE TABLE opening_mediator_languages (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  mediator_id uuid NOT NULL REFERENCES opening_mediators(id) ON DELETE CASCADE,
  language text NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
  PRIMARY KEY (mediator_id, language)
);

CREATE TABLE opening_mediation_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- Opaque: the number a mediator knows the appointment by ("SM-2026-0007"), nothing of the case.
  reference text NOT NULL CHECK (reference ~ '^SM-[0-9]{4}-[0-9]{4,}$'),
  department text NOT NULL CHECK (length(btrim(department)) BETWEEN 1 AND 200),
  language text NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
  on_date date NOT NULL,
  at_time time,
  place text NOT NULL CHECK (length(btrim(place)) BETWEEN 1 AND 300),
  -- What the appointment is about: for the staff only, never shown to the mediator.
  purpose text CHECK (length(purpose) <= 2000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'done', 'cancelled')),
  mediator_id uuid REFERENCES opening_mediators(id) ON DELETE RESTRICT,
  hours numeric(5, 2) CHECK (hours > 0 AND hours <= 24),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, reference),
  CHECK ((status IN ('assigned', 'done')) = (mediator_id IS NOT NULL)),
  CHECK ((status = 'done') = (hours IS NOT NULL))
);
CREATE INDEX opening_mediation_requests_date_idx ON opening_mediation_requests (tenant_id, on_date);
CREATE INDEX opening_mediation_requests_mediator_idx ON opening_mediation_requests (mediator_id, on_date);

-- Only a pledged, active mediator who speaks the language is assigned, whoever writes the row.
CREATE OR REPLACE FUNCTION opening_mediation_assign() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.mediator_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.mediator_id IS DISTINCT FROM OLD.mediator_id) THEN
    -- A mediator of another tenant is left to the tenant-safe foreign key, which refuses it.
    IF EXISTS (SELECT 1 FROM opening_mediators m WHERE m.id = NEW.mediator_id AND m.tenant_id = NEW.tenant_id)
       AND NOT EXISTS (
      SELECT 1 FROM opening_mediators m JOIN opening_mediator_languages l ON l.mediator_id = m.id
      WHERE m.id = NEW.mediator_id AND m.pledged_on IS NOT NULL AND m.active AND l.language = NEW.language
    ) THEN
      RAISE EXCEPTION 'mediator % is not pledged, active and speaking %', NEW.mediator_id, NEW.language
        USING ERRCODE = 'check_violation', CONSTRAINT = 'opening_mediation_requests_pledged';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER opening_mediation_assign BEFORE INSERT OR UPDATE ON opening_mediation_requests
  FOR EACH ROW EXECUTE FUNCTION opening_mediation_assign();

SELECT tenant_rls('opening_mediators');
SELECT tenant_rls('opening_mediator_languages');
SELECT tenant_rls('opening_mediation_requests');
SELECT rls_initplan();
SELECT tenant_safe_references();
