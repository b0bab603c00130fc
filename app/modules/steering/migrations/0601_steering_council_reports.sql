-- The report to the council (issue 13, item 5; decision 0034): each generated report is a new paper
-- (Vorlage) of the bodies module, and the bytes that went to the council are kept as they were –
-- later imports, status changes and edits change the next report, never this one.
CREATE TABLE steering_council_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- The paper made for the report; the number is kept too, so the list reads even if the paper goes.
  paper_id uuid REFERENCES body_papers(id) ON DELETE SET NULL,
  paper_number text NOT NULL CHECK (length(paper_number) BETWEEN 1 AND 60),
  edition_id uuid REFERENCES concept_editions(id) ON DELETE SET NULL,
  edition_title text NOT NULL CHECK (length(edition_title) BETWEEN 1 AND 500),
  period_from date NOT NULL,
  period_to date NOT NULL,
  -- Each Leitziel's status when the report was made: { "1/1": "at_risk", … } (for the list).
  leitziele jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by uuid,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  docx bytea NOT NULL CHECK (octet_length(docx) BETWEEN 1 AND 52428800),
  pdf bytea NOT NULL CHECK (octet_length(pdf) BETWEEN 1 AND 52428800),
  CHECK (period_to >= period_from)
);
CREATE INDEX steering_council_reports_tenant_idx ON steering_council_reports (tenant_id, created_at DESC);
CREATE INDEX steering_council_reports_paper_idx ON steering_council_reports (paper_id);
CREATE INDEX steering_council_reports_edition_idx ON steering_council_reports (edition_id);

SELECT tenant_rls('steering_council_reports');
SELECT rls_initplan();
SELECT tenant_safe_references();
