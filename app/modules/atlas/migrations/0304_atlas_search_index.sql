-- The text part of the public search, run as the table owner so that the planner can use the
-- full-text and the trigram GIN index (a BitmapOr). Under row-level security it cannot: `@@` and
-- `<%` are not leakproof, so PostgreSQL must apply the tenant policy first and then test every
-- entry of the tenant (a typo search took 150–170 ms at 10,000 entries). The function confines
-- itself to the request's tenant; callers join its ids back to atlas_entries, where the policy and
-- the public-visibility condition apply again. Decision 0016.
CREATE OR REPLACE FUNCTION atlas_text_hits(p_query tsquery, p_lower text)
RETURNS TABLE (id uuid, exact boolean, score real)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.id, coalesce(e.search_vector @@ p_query, false),
    -- Exact hits by full-text rank, near misses by the similarity of the closest title words.
    CASE WHEN e.search_vector @@ p_query THEN ts_rank(e.search_vector, p_query)
      ELSE word_similarity(p_lower, e.search_titles) END
  FROM atlas_entries e
  WHERE e.tenant_id = app_tenant_id() AND (e.search_vector @@ p_query OR p_lower <% e.search_titles)
$$;
REVOKE ALL ON FUNCTION atlas_text_hits(tsquery, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atlas_text_hits(tsquery, text) TO teilhabe_app;
