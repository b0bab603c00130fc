-- Persons and deleted objects for OParl 1.1 (decision 0026). A membership named its person by a
-- text; OParl publishes Person objects, and the same person in two bodies is one Person. Contact
-- data is published only with the person's recorded consent; the name of a member of a public body
-- is published.
CREATE TABLE body_persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  -- "Frau", "Herr" …; academic titles ("Dr.") as written.
  form_of_address text CHECK (length(form_of_address) <= 40),
  title text CHECK (length(title) <= 100),
  email text CHECK (length(email) <= 200),
  phone text CHECK (length(phone) <= 50),
  organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
  -- The day the person agreed that e-mail and phone are published; without it they are not.
  contact_consent_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX body_persons_name_idx ON body_persons (tenant_id, name);

-- One person per name and tenant for the memberships there are (their only datum was the name).
INSERT INTO body_persons (tenant_id, name, created_at, updated_at)
  SELECT tenant_id, person_name, min(created_at), min(created_at) FROM body_memberships GROUP BY tenant_id, person_name;
ALTER TABLE body_memberships ADD COLUMN person_id uuid REFERENCES body_persons(id) ON DELETE RESTRICT;
UPDATE body_memberships m SET person_id = p.id FROM body_persons p
  WHERE p.tenant_id = m.tenant_id AND p.name = m.person_name;
ALTER TABLE body_memberships ALTER COLUMN person_id SET NOT NULL, DROP COLUMN person_name;
ALTER TABLE body_memberships ADD COLUMN updated_at timestamptz;
UPDATE body_memberships SET updated_at = created_at;
ALTER TABLE body_memberships ALTER COLUMN updated_at SET NOT NULL, ALTER COLUMN updated_at SET DEFAULT now();
CREATE INDEX body_memberships_person_idx ON body_memberships (person_id);

-- OParl's `modified`: every change of a row sets its updated_at, and a membership's change also
-- changes the person and the body that list it (OParl 1.1: objects it is embedded in or listed by).
CREATE FUNCTION oparl_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := clock_timestamp();
  RETURN NEW;
END $$;
CREATE TRIGGER oparl_touch BEFORE UPDATE ON bodies FOR EACH ROW EXECUTE FUNCTION oparl_touch();
CREATE TRIGGER oparl_touch BEFORE UPDATE ON body_persons FOR EACH ROW EXECUTE FUNCTION oparl_touch();
CREATE TRIGGER oparl_touch BEFORE UPDATE ON body_memberships FOR EACH ROW EXECUTE FUNCTION oparl_touch();

CREATE FUNCTION oparl_membership_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r body_memberships%ROWTYPE := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  UPDATE body_persons SET updated_at = clock_timestamp() WHERE id = r.person_id;
  UPDATE bodies SET updated_at = clock_timestamp() WHERE id = r.body_id;
  RETURN NULL;
END $$;
CREATE TRIGGER oparl_membership_changed AFTER INSERT OR UPDATE OR DELETE ON body_memberships
  FOR EACH ROW EXECUTE FUNCTION oparl_membership_changed();

-- Deleted objects: OParl lists them with `deleted: true` under `modified_since`, and their URL keeps
-- answering with id, type, created and the deletion as modified. A row here is written by the
-- deleting statement itself, whoever deletes. No reference to tenants: a tenant's deletion
-- cascades to its bodies, and their tombstones are then not written at all.
CREATE TABLE oparl_deleted (
  tenant_id uuid NOT NULL,
  object_type text NOT NULL CHECK (object_type IN ('Organization', 'Person', 'Membership')),
  object_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  deleted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (object_id)
);
CREATE INDEX oparl_deleted_type_idx ON oparl_deleted (tenant_id, object_type, deleted_at);

CREATE FUNCTION oparl_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM tenants WHERE id = OLD.tenant_id) THEN
    INSERT INTO oparl_deleted (tenant_id, object_type, object_id, created_at)
      VALUES (OLD.tenant_id, TG_ARGV[0], OLD.id, OLD.created_at) ON CONFLICT (object_id) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER oparl_tombstone AFTER DELETE ON bodies FOR EACH ROW EXECUTE FUNCTION oparl_tombstone('Organization');
CREATE TRIGGER oparl_tombstone AFTER DELETE ON body_persons FOR EACH ROW EXECUTE FUNCTION oparl_tombstone('Person');
CREATE TRIGGER oparl_tombstone AFTER DELETE ON body_memberships FOR EACH ROW EXECUTE FUNCTION oparl_tombstone('Membership');

SELECT tenant_rls('body_persons');
SELECT tenant_rls('oparl_deleted');
SELECT rls_initplan();
SELECT tenant_safe_references();
