-- Typo-tolerant search through indexes (decision 0016). A trigram test on every entry's titles
-- (`q <% search_titles`) cost 150–300 ms at 10,000 entries: common trigrams ("sch", " de") match
-- most rows, and under row-level security the planner may not use an index for `@@` or `<%` at
-- all (they are not leakproof, so the tenant policy is tested first, row by row). Instead:
--   1. atlas_words, the tenant's vocabulary of title words (a few thousand short strings), with a
--      pg_trgm GIN index finds the words similar to a query word;
--   2. the query words, widened by those similar words, become one tsquery for the full-text GIN
--      index on atlas_entries.
-- Both lookups run in SECURITY DEFINER functions (as the table owner, so the indexes are usable),
-- confined to the request's tenant; callers join entry ids back to atlas_entries, where the policy
-- and the public-visibility condition apply again.
CREATE TABLE atlas_words (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  word text NOT NULL,
  PRIMARY KEY (tenant_id, word)
);
CREATE INDEX atlas_words_trgm_idx ON atlas_words USING gin (word gin_trgm_ops);
SELECT tenant_rls('atlas_words');

-- Words are only added: a word whose entries are gone or hidden widens a query to nothing public,
-- and a suggestion is offered only when it finds a public entry.
CREATE OR REPLACE FUNCTION atlas_collect_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO atlas_words (tenant_id, word)
  SELECT DISTINCT NEW.tenant_id, w FROM regexp_split_to_table(lower(NEW.title), '[[:space:][:punct:]]+') AS w
  WHERE length(w) >= 3 AND w !~ '^[0-9]+$'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER atlas_translations_words AFTER INSERT OR UPDATE OF title ON atlas_translations
  FOR EACH ROW EXECUTE FUNCTION atlas_collect_words();
INSERT INTO atlas_words (tenant_id, word)
SELECT DISTINCT t.tenant_id, w FROM atlas_translations t, regexp_split_to_table(lower(t.title), '[[:space:][:punct:]]+') AS w
WHERE length(w) >= 3 AND w !~ '^[0-9]+$'
ON CONFLICT DO NOTHING;

-- Vocabulary words at least p_min similar to p_word, most similar first (`%` uses the GIN index).
CREATE OR REPLACE FUNCTION atlas_similar_words(p_word text, p_min real)
RETURNS TABLE (word text, sim real)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.word, similarity(a.word, p_word) FROM atlas_words a
  WHERE a.tenant_id = app_tenant_id() AND a.word % p_word AND similarity(a.word, p_word) >= p_min
  ORDER BY 2 DESC, 1
$$;
REVOKE ALL ON FUNCTION atlas_similar_words(text, real) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atlas_similar_words(text, real) TO teilhabe_app;

-- Near misses: entries matching p_wide but not the exact query p_exact (the caller tests exact hits
-- on its rows, as before). The near-miss terms carry weights (titles only), and a weighted tsquery
-- makes the GIN scan recheck each row it finds, so the scan stays apart from the exact query.
CREATE OR REPLACE FUNCTION atlas_near_misses(p_exact tsquery, p_wide tsquery)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public ROWS 100 AS $$
  SELECT e.id FROM atlas_entries e
  WHERE numnode(p_wide) > 0 AND e.tenant_id = app_tenant_id() AND e.search_vector @@ p_wide AND NOT e.search_vector @@ p_exact
$$;
REVOKE ALL ON FUNCTION atlas_near_misses(tsquery, tsquery) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atlas_near_misses(tsquery, tsquery) TO teilhabe_app;
