-- The seal "Interkulturell orientiert" (issue 15 item 7; seed 004:5777–5815): a Kreis's integration
-- centre and its Integrationsagenturen accompany an organisation that applies, agree milestones with
-- it and award the seal once they are done; the award holds two years, then the organisation is
-- re-certified (a new award on the same case) or the seal expires. Validity and expiry are computed
-- from the award date, never set by hand.
CREATE TABLE opening_seal_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- The applicant: an organisation of the register, or a free name (a small firm not in the register).
  organisation_id uuid REFERENCES organisations(id) ON DELETE RESTRICT,
  applicant_name text CHECK (length(btrim(applicant_name)) BETWEEN 1 AND 200),
  -- Where the re-certification reminder goes (the organisation's contact for the seal), optional.
  contact_email text CHECK (length(contact_email) <= 200 AND contact_email LIKE '%_@_%'),
  applied_on date NOT NULL,
  milestones_agreed_on date,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((organisation_id IS NULL) <> (applicant_name IS NULL)),
  CHECK (milestones_agreed_on IS NULL OR milestones_agreed_on >= applied_on)
);
CREATE INDEX opening_seal_cases_org_idx ON opening_seal_cases (organisation_id);

CREATE TABLE opening_seal_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  case_id uuid NOT NULL REFERENCES opening_seal_cases(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  due_on date NOT NULL,
  done_on date,
  position int NOT NULL DEFAULT 0
);
CREATE INDEX opening_seal_milestones_case_idx ON opening_seal_milestones (case_id, position);

-- An award; the first one certifies, each later one re-certifies. Valid for two years to the day
-- before (awarded 2018-09-15: valid through 2020-09-14).
CREATE TABLE opening_seal_awards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  case_id uuid NOT NULL REFERENCES opening_seal_cases(id) ON DELETE CASCADE,
  awarded_on date NOT NULL,
  valid_until date GENERATED ALWAYS AS ((awarded_on + interval '2 years' - interval '1 day')::date) STORED,
  UNIQUE (case_id, awarded_on)
);
CREATE INDEX opening_seal_awards_valid_idx ON opening_seal_awards (valid_until);

-- One reminder per award: queued once (by the CLI command opening:seal-reminders), with the mail
-- in the outbox if the case has a contact address.
CREATE TABLE opening_seal_reminders (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  award_id uuid NOT NULL REFERENCES opening_seal_awards(id) ON DELETE CASCADE,
  queued_on date NOT NULL,
  mailed boolean NOT NULL,
  PRIMARY KEY (tenant_id, award_id)
);

SELECT tenant_rls('opening_seal_cases');
SELECT tenant_rls('opening_seal_milestones');
SELECT tenant_rls('opening_seal_awards');
SELECT tenant_rls('opening_seal_reminders');
SELECT rls_initplan();
SELECT tenant_safe_references();
