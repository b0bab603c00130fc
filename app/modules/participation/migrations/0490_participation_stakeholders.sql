-- Stakeholder register with the Vier-Felder-Analyse (issue 12 item 7, seed 003:2583–2590): who matters
-- for the integration work, how much influence they have and how they stand towards it. Internal
-- only. An entry is an organisation of the register by default; a natural person is allowed only
-- with a recorded legal basis (data protection: the register holds opinions about people).
CREATE TABLE participation_stakeholders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  organisation_id uuid REFERENCES organisations(id) ON DELETE CASCADE,
  person_name text CHECK (length(btrim(person_name)) BETWEEN 1 AND 200),
  legal_basis text CHECK (length(btrim(legal_basis)) BETWEEN 1 AND 500),
  -- Influence on the process and attitude towards it, each 1–4: an even scale, so every entry falls
  -- into one of the four fields (influence ≥ 3 is high, attitude ≥ 3 supportive).
  influence smallint NOT NULL CHECK (influence BETWEEN 1 AND 4),
  attitude smallint NOT NULL CHECK (attitude BETWEEN 1 AND 4),
  interests text CHECK (length(interests) <= 2000),
  engagement text CHECK (length(engagement) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((organisation_id IS NULL) <> (person_name IS NULL)),
  CHECK (person_name IS NULL OR legal_basis IS NOT NULL)
);
CREATE UNIQUE INDEX participation_stakeholders_org_idx ON participation_stakeholders (tenant_id, organisation_id)
  WHERE organisation_id IS NOT NULL;

SELECT tenant_rls('participation_stakeholders');
SELECT rls_initplan();
SELECT tenant_safe_references();
