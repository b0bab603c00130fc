-- Where an offer serves (issue 13, gap analysis against need): at its places (local), in the
-- whole Stadtbezirk of its places (district) or in the whole municipality (city). The gap
-- analysis counts a district or city offer in every Stadtteil it serves.
ALTER TABLE atlas_entries ADD COLUMN catchment text NOT NULL DEFAULT 'local'
  CHECK (catchment IN ('local', 'district', 'city'));
