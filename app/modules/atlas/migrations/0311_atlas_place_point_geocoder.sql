-- A place's point may also come from the operator's geocoder (GEOCODER_URL, decision 0053): a background
-- job asks it after the save for an address the tenant's register lacks, and writes the point only while
-- the place still has that address and no point.
ALTER TABLE atlas_places DROP CONSTRAINT atlas_places_point_source_check;
ALTER TABLE atlas_places ADD CONSTRAINT atlas_places_point_source_check
  CHECK (point_source IN ('hand', 'register', 'geocoder'));
