-- The tenant's address register (issue 18, decision 0053): addresses with their points, as cities publish
-- them as open data (Hausnummern/Adressen). Offers and places entered with a street address but no point
-- get it from here; an address that is not in the register is flagged to staff instead of silently
-- missing from the map. Replaced as a whole by each import (all or nothing).
--
-- street_key: the street name normalised (lower case, ß → ss, umlauts spelled out, "straße"/"str." → "str",
--   no spaces, dots or hyphens), so "Von-Coels-Str. 40" finds "Von-Coels-Straße 40".
-- house_number: normalised too ("7 a" → "7a", "21–25" → "21-25"); '' for a street without numbers.
-- postcode: '' when the register has none.
CREATE TABLE address_register (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  street_key text NOT NULL CHECK (length(street_key) BETWEEN 1 AND 200),
  house_number text NOT NULL DEFAULT '' CHECK (length(house_number) <= 20),
  postcode text NOT NULL DEFAULT '' CHECK (postcode = '' OR postcode ~ '^\d{5}$'),
  street text NOT NULL CHECK (length(btrim(street)) BETWEEN 1 AND 200),
  city text CHECK (city IS NULL OR length(city) <= 100),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  PRIMARY KEY (tenant_id, street_key, house_number, postcode)
);

SELECT tenant_rls('address_register');
