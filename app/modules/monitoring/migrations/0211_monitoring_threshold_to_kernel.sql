-- The disclosure threshold moves to the kernel (tenants.disclosure_threshold, kernel migration 0015;
-- docs/tenant-settings.md): the disclosure service is the kernel's, and cases and aggregates use it
-- too. Existing values are copied, then monitoring's column goes; disclosureThreshold(tx) reads the
-- kernel's value.
UPDATE tenants t SET disclosure_threshold = s.disclosure_threshold FROM mon_settings s WHERE s.tenant_id = t.id;
ALTER TABLE mon_settings DROP COLUMN disclosure_threshold;
