-- Where a place's point came from (issue 18, decision 0053): typed or picked on the map by a person
-- ('hand'), or looked up in the tenant's address register ('register'). NULL: no point. A place with a
-- street but no point is flagged to staff, since it is missing from the map.
ALTER TABLE atlas_places ADD COLUMN point_source text CHECK (point_source IN ('hand', 'register'));
UPDATE atlas_places SET point_source = 'hand' WHERE lat IS NOT NULL;
ALTER TABLE atlas_places ADD CONSTRAINT atlas_places_point_source_check2
  CHECK ((lat IS NULL) = (point_source IS NULL));
