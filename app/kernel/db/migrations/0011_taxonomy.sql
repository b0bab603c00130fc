-- One taxonomy per tenant (issue 13, decision 0037): the Handlungsfelder and target groups that the
-- concept, the monitoring and the atlas share. Before, each module kept its own list (a concept table,
-- free text on indicators, fixed codes in the atlas), so the same field had three spellings and no
-- page could put a measure, an indicator and an offer side by side.
--
-- code: stable, what other tables and URLs keep (the atlas stores codes in its entries).
-- preset_key: set on a term that came from a preset (or from one of the atlas's former fixed codes);
--   its translations live in the kernel's i18n under taxonomy.term.<preset_key>. A tenant's own term
--   has none and is shown with its German name (English: name_en when given).
-- land_field: the field of the Land's core indicator set the term maps to (kernel/taxonomy/presets.ts).
CREATE TABLE taxonomy_terms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('handlungsfeld', 'target_group')),
  code text NOT NULL CHECK (code ~ '^[a-z0-9]+(_[a-z0-9]+)*$' AND length(code) <= 60),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 200),
  short_name text NOT NULL CHECK (length(btrim(short_name)) BETWEEN 1 AND 60),
  name_en text CHECK (name_en IS NULL OR length(btrim(name_en)) BETWEEN 2 AND 200),
  position integer NOT NULL DEFAULT 0,
  preset_key text CHECK (preset_key IS NULL OR preset_key ~ '^[a-z0-9]+(_[a-z0-9]+)*$'),
  land_field text CHECK (land_field IS NULL OR land_field ~ '^[a-z]+(_[a-z]+)*$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, kind, code)
);
-- One name once per list, whatever the case ("Bildung" and "bildung" would be the same field).
CREATE UNIQUE INDEX taxonomy_terms_name_key ON taxonomy_terms (tenant_id, kind, lower(name));
CREATE INDEX taxonomy_terms_list_idx ON taxonomy_terms (tenant_id, kind, position);

SELECT tenant_rls('taxonomy_terms');
