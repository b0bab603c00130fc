-- Leichte Sprache (easy German) as a public interface language (issue 17 item 6). Tenants that kept
-- the default list (every language) get it too; a tenant that chose its languages keeps its choice.
ALTER TABLE tenants DROP CONSTRAINT IF EXISTS tenants_public_languages_check;
ALTER TABLE tenants ALTER COLUMN public_languages SET DEFAULT ARRAY['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ls'];
UPDATE tenants SET public_languages = public_languages || ARRAY['ls']
  WHERE public_languages @> ARRAY['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru'];
ALTER TABLE tenants ADD CONSTRAINT tenants_public_languages_check
  CHECK ('de' = ANY (public_languages)
         AND public_languages <@ ARRAY['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ls']);
