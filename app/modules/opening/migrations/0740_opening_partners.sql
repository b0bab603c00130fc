-- The Land's partner network for intercultural opening (issue 15 item 4, seed 004:210–235): partners
-- with ordinal, type and join date (seed 004:270–334), the names their report headings use (aliases),
-- the members of a cooperation (#12: nine cities), the agreement with its modules ("Beitrittsmodule")
-- and milestones, reporting periods that differ per partner, and each period's report with one entry
-- per module, reviewed by the ministry. Only Land tenants have pages for it; the tables are everyone's.
CREATE TABLE opening_partners (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  ordinal int NOT NULL CHECK (ordinal BETWEEN 1 AND 10000),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
  type text NOT NULL CHECK (type IN ('kommune', 'kreis', 'kommunalverband', 'landesbehoerde', 'polizei', 'jobcenter',
    'medien', 'wohlfahrtsverband', 'unternehmen', 'verband', 'kooperation', 'sonstige')),
  joined_on date NOT NULL,
  organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
  -- What the sources say otherwise ("im Bericht: Partnerschaft am 16.08.2012 vereinbart").
  note text CHECK (length(note) <= 2000),
  source_line int,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, ordinal)
);

CREATE TABLE opening_partner_aliases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES opening_partners(id) ON DELETE CASCADE,
  alias text NOT NULL CHECK (length(btrim(alias)) BETWEEN 1 AND 300),
  UNIQUE (tenant_id, alias)
);
CREATE INDEX opening_partner_aliases_partner_idx ON opening_partner_aliases (partner_id);

CREATE TABLE opening_partner_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES opening_partners(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
  organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
  position int NOT NULL DEFAULT 0,
  UNIQUE (partner_id, name)
);

-- The agreement: the partner's declaration, who signed it and when, and optionally its scan (a PDF
-- within the upload limit; the size is checked here too).
CREATE TABLE opening_agreements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES opening_partners(id) ON DELETE CASCADE,
  declaration text NOT NULL CHECK (length(btrim(declaration)) BETWEEN 1 AND 20000),
  signed_on date,
  signatories text[] NOT NULL DEFAULT '{}',
  file_name text CHECK (length(file_name) <= 200),
  file_type text CHECK (file_type IN ('application/pdf')),
  file_bytes bytea CHECK (octet_length(file_bytes) <= 52428800),
  CHECK ((file_bytes IS NULL) = (file_type IS NULL) AND (file_bytes IS NULL) = (file_name IS NULL)),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, partner_id)
);

-- A Beitrittsmodul: what the partner committed to; recurring ones are reported on every year.
CREATE TABLE opening_agreement_modules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES opening_partners(id) ON DELETE CASCADE,
  position int NOT NULL DEFAULT 0,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  description text CHECK (length(description) <= 4000),
  recurring boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  UNIQUE (partner_id, title)
);
CREATE INDEX opening_agreement_modules_partner_idx ON opening_agreement_modules (partner_id, position);

CREATE TABLE opening_module_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  module_id uuid NOT NULL REFERENCES opening_agreement_modules(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  due_on date,
  reached_on date
);
CREATE INDEX opening_module_milestones_module_idx ON opening_module_milestones (module_id, due_on);

-- Reporting periods differ per partner (Arnsberg reports November to October, seed 004:376–378).
CREATE TABLE opening_reporting_periods (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES opening_partners(id) ON DELETE CASCADE,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  due_on date NOT NULL,
  CHECK (ends_on >= starts_on),
  UNIQUE (partner_id, starts_on)
);

-- The yearly report of one partner for one period: draft → submitted → reviewed (by the ministry,
-- with a comment); a reviewed report is locked.
CREATE TABLE opening_partner_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  period_id uuid NOT NULL REFERENCES opening_reporting_periods(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'reviewed')),
  further_activities text CHECK (length(further_activities) <= 20000),
  submitted_at timestamptz,
  reviewed_at timestamptz,
  review_comment text CHECK (length(review_comment) <= 4000),
  is_demo boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'draft') = (submitted_at IS NULL)),
  CHECK ((status = 'reviewed') = (reviewed_at IS NOT NULL)),
  UNIQUE (tenant_id, period_id)
);

-- One entry per module: "Stand der Umsetzung", figures (label and value each), further activities
-- and "Ausblick"; source_line where the text is taken from a source (the demo's seed excerpts).
CREATE TABLE opening_report_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  report_id uuid NOT NULL REFERENCES opening_partner_reports(id) ON DELETE CASCADE,
  module_id uuid NOT NULL REFERENCES opening_agreement_modules(id) ON DELETE CASCADE,
  progress text CHECK (length(progress) <= 20000),
  figures jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(figures) = 'array'),
  activities text CHECK (length(activities) <= 20000),
  outlook text CHECK (length(outlook) <= 20000),
  source_line int,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (report_id, module_id)
);

SELECT tenant_rls('opening_partners');
SELECT tenant_rls('opening_partner_aliases');
SELECT tenant_rls('opening_partner_members');
SELECT tenant_rls('opening_agreements');
SELECT tenant_rls('opening_agreement_modules');
SELECT tenant_rls('opening_module_milestones');
SELECT tenant_rls('opening_reporting_periods');
SELECT tenant_rls('opening_partner_reports');
SELECT tenant_rls('opening_report_entries');
SELECT rls_initplan();
SELECT tenant_safe_references();
