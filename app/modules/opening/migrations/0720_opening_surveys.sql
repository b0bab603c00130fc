-- Anonymous staff and user surveys of Interkulturelle Öffnung (issue 15 items 2 and 3, decision 0041).
-- Anonymous by construction: an answer row holds the survey, the survey's period label and the three
-- fixed answers – no account, address, user agent, timestamp or sequence; its key is a random uuid.
-- Single-use codes are kept only as hashes of unused codes (a used code's row is deleted), with no
-- issuance data and no link to any answer.

-- The tenant's settings of the module: the minimum group size k for survey results (never below 5).
CREATE TABLE opening_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  survey_k int NOT NULL DEFAULT 10 CHECK (survey_k >= 5 AND survey_k <= 1000)
);

CREATE TABLE opening_surveys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- The surveyed organisation of the register; NULL: the tenant's own administration.
  organisation_id uuid REFERENCES organisations(id) ON DELETE RESTRICT,
  kind text NOT NULL CHECK (kind IN ('staff', 'users')),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  opens_on date NOT NULL,
  closes_on date NOT NULL CHECK (closes_on >= opens_on),
  -- What an answer stores instead of a time: "2026", "2026/1. Halbjahr".
  period_label text NOT NULL CHECK (length(btrim(period_label)) BETWEEN 1 AND 40),
  mode text NOT NULL CHECK (mode IN ('codes', 'open')),
  -- Rolling: open for a long time (e.g. attached to every new contract), released in batches of ≥ k.
  rolling boolean NOT NULL DEFAULT false,
  headcount int NOT NULL CHECK (headcount BETWEEN 1 AND 10000000),
  council_agreed_on date,
  council_reference text CHECK (length(council_reference) <= 500),
  -- Users surveys: the population share with a migration history to compare with, and its source.
  benchmark_share numeric(5, 2) CHECK (benchmark_share BETWEEN 0 AND 100),
  benchmark_source text CHECK (length(benchmark_source) <= 300),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'draft' OR council_agreed_on IS NOT NULL)
);
CREATE INDEX opening_surveys_tenant_idx ON opening_surveys (tenant_id, opens_on DESC);

-- Work areas of a survey, a hierarchy: a unit with an optional parent unit of the same survey.
CREATE TABLE opening_survey_units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  survey_id uuid NOT NULL REFERENCES opening_surveys(id) ON DELETE CASCADE,
  parent_id uuid REFERENCES opening_survey_units(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  position int NOT NULL DEFAULT 0,
  UNIQUE (survey_id, name)
);
CREATE INDEX opening_survey_units_survey_idx ON opening_survey_units (survey_id);

-- Unused single-use codes, as sha-256 hashes only. Using a code deletes its row.
CREATE TABLE opening_survey_codes (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  survey_id uuid NOT NULL REFERENCES opening_surveys(id) ON DELETE CASCADE,
  code_hash bytea PRIMARY KEY CHECK (length(code_hash) = 32)
);
CREATE INDEX opening_survey_codes_survey_idx ON opening_survey_codes (survey_id);

-- A release of a rolling survey's answers: a batch of at least k new answers becomes visible.
CREATE TABLE opening_survey_releases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  survey_id uuid NOT NULL REFERENCES opening_surveys(id) ON DELETE CASCADE,
  released_on date NOT NULL,
  answers int NOT NULL CHECK (answers >= 5),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX opening_survey_releases_survey_idx ON opening_survey_releases (survey_id, released_on);

CREATE TABLE opening_survey_answers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  survey_id uuid NOT NULL REFERENCES opening_surveys(id) ON DELETE CASCADE,
  period_label text NOT NULL,
  migration text NOT NULL CHECK (migration IN ('yes', 'no', 'no_answer')),
  languages text[] NOT NULL DEFAULT '{}' CHECK (cardinality(languages) <= 40),
  unit_id uuid REFERENCES opening_survey_units(id) ON DELETE SET NULL,
  -- Rolling surveys: the batch that made the answer visible (NULL: not yet released).
  release_id uuid REFERENCES opening_survey_releases(id) ON DELETE SET NULL,
  is_demo boolean NOT NULL DEFAULT false
);
CREATE INDEX opening_survey_answers_survey_idx ON opening_survey_answers (survey_id);

-- The staff share per organisation and year: from a closed survey, entered with its source, or "nicht
-- erhoben" with a reason (neither 0 nor suppressed). organisation NULL: the tenant's administration.
CREATE TABLE opening_share_series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  organisation_id uuid REFERENCES organisations(id) ON DELETE CASCADE,
  year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  state text NOT NULL CHECK (state IN ('value', 'not_collected')),
  share numeric(5, 2) CHECK (share BETWEEN 0 AND 100),
  source text CHECK (length(source) <= 300),
  reason text CHECK (length(reason) <= 500),
  survey_id uuid REFERENCES opening_surveys(id) ON DELETE SET NULL,
  is_demo boolean NOT NULL DEFAULT false,
  CHECK ((state = 'value') = (share IS NOT NULL)),
  CHECK (state = 'value' OR length(btrim(reason)) > 0),
  CHECK (state = 'not_collected' OR length(btrim(source)) > 0 OR survey_id IS NOT NULL)
);
CREATE UNIQUE INDEX opening_share_series_year_idx
  ON opening_share_series (tenant_id, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'), year);

-- The benchmark of an organisation's series: the population share (entered or from monitoring) or a
-- target such as Solingen's 25 %.
CREATE TABLE opening_share_benchmarks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  organisation_id uuid REFERENCES organisations(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('population', 'target')),
  share numeric(5, 2) NOT NULL CHECK (share BETWEEN 0 AND 100),
  source text NOT NULL CHECK (length(btrim(source)) BETWEEN 1 AND 300)
);
CREATE UNIQUE INDEX opening_share_benchmarks_org_idx
  ON opening_share_benchmarks (tenant_id, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'));

-- Answers and codes are written by anonymous respondents; a row in content_changes (with its time
-- and the writing transaction) per answer would tie the answer to a moment. Never on a cached page.
INSERT INTO content_untracked (relname) VALUES ('opening_survey_answers'), ('opening_survey_codes');

SELECT tenant_rls('opening_settings');
SELECT tenant_rls('opening_surveys');
SELECT tenant_rls('opening_survey_units');
SELECT tenant_rls('opening_survey_codes');
SELECT tenant_rls('opening_survey_releases');
SELECT tenant_rls('opening_survey_answers');
SELECT tenant_rls('opening_share_series');
SELECT tenant_rls('opening_share_benchmarks');
SELECT rls_initplan();
SELECT tenant_safe_references();
