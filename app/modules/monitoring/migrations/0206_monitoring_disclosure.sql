-- Disclosure control done in one place (app/kernel/disclosure.ts, decision 0033).
-- A share imported without counts declares its base: the count indicator that gives the number of
-- persons per area, period and group (base_indicator), or a minimum number of persons every value
-- of the series rests on (min_base). Without either it is not published.
-- A series may declare that some of its groups add up to another (group_partitions,
-- [{"total":"gesamt","parts":["maennlich","weiblich"]}]): complementary suppression protects those
-- sums like the area hierarchy's.
-- An observation without a value is "nicht erhoben" (not collected), unlike a missing observation.
ALTER TABLE mon_indicators
  ADD COLUMN base_indicator text CHECK (base_indicator ~ '^[a-z][a-z0-9_]{1,62}$'),
  ADD COLUMN min_base integer CHECK (min_base BETWEEN 1 AND 1000000000),
  ADD COLUMN group_partitions jsonb CHECK (group_partitions IS NULL OR jsonb_typeof(group_partitions) = 'array');
ALTER TABLE mon_observations ALTER COLUMN value DROP NOT NULL;
