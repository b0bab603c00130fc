-- A Land (or Kreis) sees which of its municipalities' concepts are past the three-year rule
-- (issue 13, decision 0036): while its page has asked for member content, the adopted editions of
-- member tenants are readable – adopted concepts are public anyway; drafts stay private.
CREATE POLICY member_read ON concept_editions FOR SELECT
  USING (tenant_id = ANY ((SELECT app_member_tenants())::uuid[]) AND status = 'beschlossen');
