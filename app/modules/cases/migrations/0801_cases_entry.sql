-- The entry to case work from a tenant's staff area (issue 16): which networks the signed-in user
-- works in, and as what. case_staff is readable only within the network set for the transaction,
-- so a request that does not know its network yet asks this function, which answers only about the
-- caller (app_user_id()) and only metadata.
CREATE OR REPLACE FUNCTION case_my_networks() RETURNS TABLE (network_id uuid, network_name text,
  institution_id uuid, institution_name text, home_tenant_id uuid, site_name text, role text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT n.id, n.name, i.id, i.name, i.home_tenant_id, st.name, s.role
  FROM case_staff s
  JOIN case_networks n ON n.id = s.network_id
  JOIN case_institutions i ON i.id = s.institution_id
  LEFT JOIN case_sites st ON st.id = s.site_id
  WHERE s.user_id = app_user_id() AND s.active
  ORDER BY n.name
$$;

-- The networks a tenant takes part in (hosts, or has an institution in), for its administrators: the
-- structure only – institutions, sites and how many staff hold which role. Never a client.
CREATE OR REPLACE FUNCTION case_tenant_networks(p_tenant uuid) RETURNS TABLE (network_id uuid, network_name text,
  founding_reference text, hosted boolean, institution_name text, institution_kind text, home_tenant_id uuid,
  sites text[], staff_roles text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT n.id, n.name, n.founding_reference, n.host_tenant_id = p_tenant, i.name, i.kind, i.home_tenant_id,
    coalesce((SELECT array_agg(st.name ORDER BY st.name) FROM case_institution_sites x
      JOIN case_sites st ON st.id = x.site_id WHERE x.institution_id = i.id), '{}'),
    coalesce((SELECT array_agg(s.role ORDER BY s.role) FROM case_staff s
      WHERE s.institution_id = i.id AND s.active), '{}')
  FROM case_networks n JOIN case_institutions i ON i.network_id = n.id
  WHERE p_tenant = app_tenant_id()
    AND (n.host_tenant_id = p_tenant OR EXISTS (SELECT 1 FROM case_institutions j WHERE j.network_id = n.id
      AND j.home_tenant_id = p_tenant))
  ORDER BY n.name, i.name
$$;

-- Who is who in the caller's network – names for the access log and the forms, for its staff only
-- (users of other tenants are not otherwise visible to them).
CREATE OR REPLACE FUNCTION case_staff_directory() RETURNS TABLE (staff_id uuid, display_name text,
  institution_id uuid, institution_name text, site_name text, role text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.id, u.display_name, i.id, i.name, st.name, s.role
  FROM case_staff s
  JOIN users u ON u.id = s.user_id
  JOIN case_institutions i ON i.id = s.institution_id
  LEFT JOIN case_sites st ON st.id = s.site_id
  WHERE s.network_id = app_case_network() AND EXISTS (SELECT 1 FROM case_me())
$$;
