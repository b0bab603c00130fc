-- Households (issue 16 item 2: "households with a plan per member"; docs/cases.md "Households").
-- case_households and case_clients.household_id exist since 0800; this migration adds the rules the
-- database keeps whatever a service does:
--  1. A household and all its members are owned by one institution (and so lie in one network): a
--     client can only point at a household of its own owner. A second foreign key over
--     (network_id, household_id, owner_institution_id) says so; MATCH SIMPLE leaves clients without a
--     household alone.
--  2. Anonymisation ends the membership: a client whose state becomes 'anonymised' loses its
--     household_id in the same UPDATE (the retention run needs no change, and no row keeps a
--     structure that links an anonymised case to identifiable relatives).
--  3. A household without members goes: when the last member leaves, is anonymised or is deleted
--     (case_delete_client), the household row is deleted in the same transaction.

ALTER TABLE case_households ADD CONSTRAINT case_households_owner_key UNIQUE (network_id, id, owner_institution_id);
ALTER TABLE case_clients ADD CONSTRAINT case_clients_household_owner
  FOREIGN KEY (network_id, household_id, owner_institution_id)
  REFERENCES case_households (network_id, id, owner_institution_id) ON DELETE SET NULL (household_id);

CREATE OR REPLACE FUNCTION case_household_anonymise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state = 'anonymised' THEN
    NEW.household_id := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_household_anonymise BEFORE INSERT OR UPDATE ON case_clients
  FOR EACH ROW EXECUTE FUNCTION case_household_anonymise();

-- Runs as the owner: the acting staff member may not see every member (nor the household), and the
-- question "is anyone left?" must count them all. It answers nothing to the caller.
CREATE OR REPLACE FUNCTION case_household_prune() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF OLD.household_id IS NOT NULL AND (TG_OP = 'DELETE' OR NEW.household_id IS DISTINCT FROM OLD.household_id)
     AND NOT EXISTS (SELECT 1 FROM case_clients c WHERE c.household_id = OLD.household_id) THEN
    DELETE FROM case_households WHERE id = OLD.household_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER case_household_prune AFTER UPDATE OF household_id, state OR DELETE ON case_clients
  FOR EACH ROW EXECUTE FUNCTION case_household_prune();

CREATE INDEX case_clients_household ON case_clients (household_id) WHERE household_id IS NOT NULL;
