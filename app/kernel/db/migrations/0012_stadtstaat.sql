-- Berlin, Hamburg and Bremen are city and Land at once (issue 14 item 8): a tenant kind of their own.
-- The Land of every tenant is read from its AGS (app/kernel/tenancy/laender.ts), so only the kind changes.
ALTER TABLE tenants DROP CONSTRAINT tenants_kind_check;
ALTER TABLE tenants ADD CONSTRAINT tenants_kind_check CHECK (kind IN ('kommune', 'kreis', 'land', 'stadtstaat'));
