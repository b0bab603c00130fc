-- Every reference into a tenant-owned table carries the tenant, so the database refuses one that
-- points into another tenant (see kernel 0006_tenant_safe_references.sql, decision 0013).
SELECT tenant_safe_references();
