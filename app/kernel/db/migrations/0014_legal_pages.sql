-- The legal pages every public body's site must carry (issue 17 item 3): Impressum (§ 5 DDG),
-- Datenschutzerklärung (Art. 13 DSGVO) and Erklärung zur Barrierefreiheit (BITV 2.0 § 7 / the Land's
-- law for municipalities: status of conformity, known barriers, date, a feedback channel, the
-- enforcement body). One row per tenant and page, edited by the tenant's administration; the same for
-- the platform's own pages (the operator's), edited by platform administrators only.
CREATE TABLE legal_pages (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('impressum', 'datenschutz', 'barrierefreiheit')),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 50000),
  conformity text CHECK (conformity IN ('full', 'partial', 'none')),
  barriers text CHECK (length(barriers) <= 20000),
  assessed_on date,
  feedback_email text CHECK (length(feedback_email) <= 254),
  enforcement_name text CHECK (length(enforcement_name) <= 300),
  enforcement_url text CHECK (enforcement_url ~ '^https://' AND length(enforcement_url) <= 500),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  PRIMARY KEY (tenant_id, kind)
);
SELECT tenant_rls('legal_pages');

-- The platform's pages: no tenant. The request role may read them (every page's footer links them),
-- never write them (migrate.ts revokes that); platform administrators write through the system role.
CREATE TABLE platform_legal_pages (
  kind text PRIMARY KEY CHECK (kind IN ('impressum', 'datenschutz', 'barrierefreiheit')),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 50000),
  conformity text CHECK (conformity IN ('full', 'partial', 'none')),
  barriers text CHECK (length(barriers) <= 20000),
  assessed_on date,
  feedback_email text CHECK (length(feedback_email) <= 254),
  enforcement_name text CHECK (length(enforcement_name) <= 300),
  enforcement_url text CHECK (enforcement_url ~ '^https://' AND length(enforcement_url) <= 500),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL
);

SELECT rls_initplan();
SELECT tenant_safe_references();
