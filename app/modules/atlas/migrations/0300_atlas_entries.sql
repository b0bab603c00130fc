-- Integrationsatlas: the public directory of local offers. Offers, contact points, volunteer
-- opportunities and networks share one table (kind), because the public search, moderation and
-- yearly confirmation treat them alike; providers are rows of the shared organisations register.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- Accents are folded on both sides, so "Sprachcafe" finds "Sprachcafé" through the index.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE atlas_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL DEFAULT 'offer' CHECK (kind IN ('offer', 'contact_point', 'volunteer', 'network')),
  organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
  -- draft: never submitted; pending: first version waits for moderation; published: public
  -- (subject to validity and confirmation); rejected: first version was refused; archived: withdrawn.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected', 'archived')),
  handlungsfelder text[] NOT NULL DEFAULT '{}',
  target_groups text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{de}',
  german_level text NOT NULL DEFAULT 'good' CHECK (german_level IN ('none', 'little', 'good')),
  cost text NOT NULL DEFAULT 'free' CHECK (cost IN ('free', 'reduced', 'paid')),
  cost_note text,
  schedule text,
  accessibility text,
  contact_name text,
  contact_email text,
  contact_phone text,
  website text,
  -- networks and bodies
  network_members text,
  coordinator text,
  meeting_rhythm text,
  valid_from date,
  valid_until date,
  last_confirmed_at timestamptz NOT NULL DEFAULT now(),
  confirmation_requested_at timestamptz,
  stale_notified_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  -- Kept up to date by the translation trigger below: German text is stemmed, the other
  -- languages are indexed unstemmed; titles feed the trigram index for typo tolerance.
  search_vector tsvector NOT NULL DEFAULT ''::tsvector,
  search_titles text NOT NULL DEFAULT '',
  -- Lower-case German title: the stable secondary order of result lists, indexed per tenant.
  sort_title text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
CREATE INDEX atlas_entries_tenant_status_idx ON atlas_entries (tenant_id, status);
CREATE INDEX atlas_entries_org_idx ON atlas_entries (organisation_id);
CREATE INDEX atlas_entries_search_idx ON atlas_entries USING gin (search_vector);
CREATE INDEX atlas_entries_titles_trgm_idx ON atlas_entries USING gin (search_titles gin_trgm_ops);
CREATE INDEX atlas_entries_languages_idx ON atlas_entries USING gin (languages);
CREATE INDEX atlas_entries_sort_idx ON atlas_entries (tenant_id, sort_title, id);

-- Content per language: de is required, en/ar/tr/uk/ru/fa optional, ls = Leichte Sprache.
CREATE TABLE atlas_translations (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  entry_id uuid NOT NULL REFERENCES atlas_entries(id) ON DELETE CASCADE,
  lang text NOT NULL CHECK (lang IN ('de', 'en', 'ar', 'tr', 'uk', 'ru', 'fa', 'ls')),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 300),
  description text NOT NULL DEFAULT '',
  PRIMARY KEY (entry_id, lang)
);
CREATE INDEX atlas_translations_tenant_idx ON atlas_translations (tenant_id);

CREATE TABLE atlas_places (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  entry_id uuid NOT NULL REFERENCES atlas_entries(id) ON DELETE CASCADE,
  position integer NOT NULL DEFAULT 0,
  label text,
  street text,
  postcode text CHECK (postcode IS NULL OR postcode ~ '^[0-9]{5}$'),
  city text,
  lat double precision CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
  lon double precision CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
  -- Stadtteil: found by point-in-polygon when the tenant has areas, otherwise entered by hand.
  area_key text,
  area_name text,
  CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX atlas_places_entry_idx ON atlas_places (entry_id);
CREATE INDEX atlas_places_area_idx ON atlas_places (tenant_id, area_name);

-- The moderation queue: a provider's proposed version waits here; the public keeps seeing the
-- approved content until staff approve. payload holds the full proposed entry.
CREATE TABLE atlas_revisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  entry_id uuid NOT NULL REFERENCES atlas_entries(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
  payload jsonb NOT NULL,
  submitted_by uuid REFERENCES users(id) ON DELETE SET NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
  decided_at timestamptz,
  reason text,
  CHECK (status <> 'rejected' OR length(coalesce(reason, '')) >= 5)
);
CREATE INDEX atlas_revisions_queue_idx ON atlas_revisions (tenant_id, status, submitted_at);
CREATE INDEX atlas_revisions_entry_idx ON atlas_revisions (entry_id);

CREATE OR REPLACE FUNCTION atlas_refresh_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE eid uuid;
BEGIN
  eid := CASE WHEN TG_OP = 'DELETE' THEN OLD.entry_id ELSE NEW.entry_id END;
  UPDATE atlas_entries e SET
    search_vector = coalesce((
      SELECT setweight(to_tsvector('german', unaccent(coalesce(string_agg(CASE WHEN t.lang IN ('de', 'ls') THEN t.title END, ' '), ''))), 'A')
          || setweight(to_tsvector('simple', unaccent(coalesce(string_agg(CASE WHEN t.lang NOT IN ('de', 'ls') THEN t.title END, ' '), ''))), 'B')
          || setweight(to_tsvector('german', unaccent(coalesce(string_agg(CASE WHEN t.lang IN ('de', 'ls') THEN t.description END, ' '), ''))), 'C')
          || setweight(to_tsvector('simple', unaccent(coalesce(string_agg(CASE WHEN t.lang NOT IN ('de', 'ls') THEN t.description END, ' '), ''))), 'D')
      FROM atlas_translations t WHERE t.entry_id = eid), ''::tsvector),
    search_titles = coalesce((SELECT lower(string_agg(t.title, ' ' ORDER BY t.lang)) FROM atlas_translations t WHERE t.entry_id = eid), ''),
    sort_title = coalesce((SELECT lower(t.title) FROM atlas_translations t WHERE t.entry_id = eid AND t.lang = 'de'), '')
  WHERE e.id = eid;
  RETURN NULL;
END $$;
CREATE TRIGGER atlas_translations_search AFTER INSERT OR UPDATE OR DELETE ON atlas_translations
  FOR EACH ROW EXECUTE FUNCTION atlas_refresh_search();

ALTER TABLE atlas_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON atlas_entries USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE atlas_translations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON atlas_translations USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE atlas_places ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON atlas_places USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE atlas_revisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON atlas_revisions USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
