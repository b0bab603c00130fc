-- Tenant settings (issue 17 item 3; docs/tenant-settings.md, decision 0049): what tenant:create set
-- (name, kind, AGS, parent) and what a municipality expects to maintain itself: a contact for its
-- public pages, a logo, the disclosure threshold (moved here from monitoring, see 0211) and the
-- languages its public pages offer.

ALTER TABLE tenants
  ADD COLUMN contact_office text CHECK (length(contact_office) <= 300),
  ADD COLUMN contact_address text CHECK (length(contact_address) <= 1000),
  ADD COLUMN contact_email text CHECK (length(contact_email) <= 254),
  ADD COLUMN contact_phone text CHECK (length(contact_phone) <= 50),
  ADD COLUMN contact_web text CHECK (contact_web ~ '^https?://' AND length(contact_web) <= 500),
  -- Counts below this many persons are never published (statistical disclosure control, 0033).
  ADD COLUMN disclosure_threshold integer NOT NULL DEFAULT 3 CHECK (disclosure_threshold BETWEEN 1 AND 100),
  -- The UI languages the tenant's public pages offer; German is always among them.
  ADD COLUMN public_languages text[] NOT NULL DEFAULT ARRAY['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru']
    CHECK ('de' = ANY (public_languages)
           AND public_languages <@ ARRAY['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru']),
  -- The logo's SHA-256 (hex) while the tenant has one: the ETag and the version in its URL, so the
  -- header needs no second query (the tenant row is cached, kernel/tenancy/cache.ts).
  ADD COLUMN logo_etag text;

ALTER TABLE tenants ADD CONSTRAINT tenants_parent_not_self CHECK (parent_id IS DISTINCT FROM id);

-- The tenant's administration edits its own row through the request role (column grants in
-- kernel/db/migrate.ts): every role reads every tenant, but updates only the transaction's tenant.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenants_read ON tenants FOR SELECT USING (true);
CREATE POLICY tenants_own_update ON tenants FOR UPDATE USING (id = app_tenant_id()) WITH CHECK (id = app_tenant_id());

-- The logo itself: PNG, JPEG or WebP (never SVG), checked by its magic bytes; at most 512 KiB.
CREATE TABLE tenant_logos (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  mime text NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/webp')),
  bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 524288),
  etag text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL
);
SELECT tenant_rls('tenant_logos');

SELECT rls_initplan();
SELECT tenant_safe_references();
