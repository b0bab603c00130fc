-- A place's area is (level, key) like every area (issue 14): keys repeat across levels, so the key
-- alone could name a Stadtbezirk as well as the Stadtteil point-in-polygon found. Places written so
-- far were matched against the finest level with geometries, which is what the backfill takes.
ALTER TABLE atlas_places ADD COLUMN area_level text;
UPDATE atlas_places p SET area_level = (
  SELECT a.level FROM mon_areas a
  WHERE a.tenant_id = p.tenant_id AND a.geometry IS NOT NULL
    AND a.level IN ('quartier', 'lebensraum', 'sozialraum', 'stadtteil', 'stadtbezirk')
  ORDER BY array_position(ARRAY['quartier', 'lebensraum', 'sozialraum', 'stadtteil', 'stadtbezirk'], a.level)
  LIMIT 1)
WHERE p.area_key IS NOT NULL;
