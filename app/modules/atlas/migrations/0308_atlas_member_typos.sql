-- A Kreis's guide is typo tolerant over its members' offers too (issue 13, item 8): the vocabulary and
-- the near misses of migration 0304 also take the member tenants while the transaction asked for them
-- (app_member_tenants(), kernel migration 0010 – empty otherwise, so every other search is unchanged).
-- Callers still join entry ids back to atlas_entries, where the member policy admits published rows
-- only; a suggestion is offered only when it finds such a row.
CREATE OR REPLACE FUNCTION atlas_similar_words(p_word text, p_min real)
RETURNS TABLE (word text, sim real)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT a.word, similarity(a.word, p_word) FROM atlas_words a
  WHERE (a.tenant_id = app_tenant_id() OR a.tenant_id = ANY (app_member_tenants()))
    AND a.word % p_word AND similarity(a.word, p_word) >= p_min
  ORDER BY 2 DESC, 1
$$;

CREATE OR REPLACE FUNCTION atlas_near_misses(p_exact tsquery, p_wide tsquery)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public ROWS 100 AS $$
  SELECT e.id FROM atlas_entries e
  WHERE numnode(p_wide) > 0 AND (e.tenant_id = app_tenant_id() OR e.tenant_id = ANY (app_member_tenants()))
    AND e.search_vector @@ p_wide AND NOT e.search_vector @@ p_exact
$$;
