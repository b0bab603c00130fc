-- A Kreis's public atlas lists its member municipalities' offers (kernel migration 0010): while a
-- public page has asked for member content, published entries of member tenants, their texts and
-- places, and the organisations offering them become readable. Nothing else of a member is.
CREATE POLICY member_read ON atlas_entries FOR SELECT
  USING (tenant_id = ANY ((SELECT app_member_tenants())::uuid[]) AND status = 'published');
CREATE POLICY member_read ON atlas_translations FOR SELECT
  USING (tenant_id = ANY ((SELECT app_member_tenants())::uuid[]));
CREATE POLICY member_read ON atlas_places FOR SELECT
  USING (tenant_id = ANY ((SELECT app_member_tenants())::uuid[]));
CREATE POLICY atlas_member_providers ON organisations FOR SELECT
  USING (tenant_id = ANY ((SELECT app_member_tenants())::uuid[])
    AND EXISTS (SELECT 1 FROM atlas_entries e WHERE e.organisation_id = organisations.id AND e.status = 'published'));
