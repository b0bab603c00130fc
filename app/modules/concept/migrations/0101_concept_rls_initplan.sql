-- Evaluate the tenant of this module's policies once per statement (see kernel 0003_rls_initplan.sql).
SELECT rls_initplan();
