-- OParl 1.1 for meetings, agenda items, papers and consultations, and the import from another
-- council information system (decision 0027).
-- OParl's `modified`: every change of a row sets its updated_at, and a change of an embedded object
-- changes the object it is embedded in: an agenda item its meeting (Meeting embeds agendaItem) and
-- the consultation it treats (Consultation.agendaItem); a consultation its paper (Paper embeds
-- consultation) and the meeting whose item treats it (the item shows the consultation's result).
-- Nothing here touches an agenda item, so the triggers cannot call each other in a circle.
CREATE TRIGGER oparl_touch BEFORE UPDATE ON body_meetings FOR EACH ROW EXECUTE FUNCTION oparl_touch();
CREATE TRIGGER oparl_touch BEFORE UPDATE ON body_agenda_items FOR EACH ROW EXECUTE FUNCTION oparl_touch();
CREATE TRIGGER oparl_touch BEFORE UPDATE ON body_papers FOR EACH ROW EXECUTE FUNCTION oparl_touch();
CREATE TRIGGER oparl_touch BEFORE UPDATE ON body_consultations FOR EACH ROW EXECUTE FUNCTION oparl_touch();

CREATE FUNCTION oparl_agenda_item_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r body_agenda_items%ROWTYPE := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  UPDATE body_meetings SET updated_at = clock_timestamp() WHERE id = r.meeting_id;
  UPDATE body_consultations SET updated_at = clock_timestamp()
    WHERE id = r.consultation_id OR (TG_OP = 'UPDATE' AND id = OLD.consultation_id);
  RETURN NULL;
END $$;
CREATE TRIGGER oparl_agenda_item_changed AFTER INSERT OR UPDATE OR DELETE ON body_agenda_items
  FOR EACH ROW EXECUTE FUNCTION oparl_agenda_item_changed();

CREATE FUNCTION oparl_consultation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r body_consultations%ROWTYPE := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  UPDATE body_papers SET updated_at = clock_timestamp() WHERE id = r.paper_id;
  UPDATE body_meetings SET updated_at = clock_timestamp()
    WHERE id IN (SELECT meeting_id FROM body_agenda_items WHERE consultation_id = r.id);
  RETURN NULL;
END $$;
CREATE TRIGGER oparl_consultation_changed AFTER INSERT OR UPDATE OR DELETE ON body_consultations
  FOR EACH ROW EXECUTE FUNCTION oparl_consultation_changed();

-- Where an imported row came from: the object's `id` URL in the other system, per tenant. A second
-- import finds its rows here and changes only what changed there. The local row is not a foreign key
-- (it lives in one of several tables): a mapping whose row was deleted here is renewed by the next
-- import.
CREATE TABLE oparl_sources (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  source_id text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 2000),
  object_type text NOT NULL CHECK (object_type IN ('Organization', 'Person', 'Membership', 'Meeting', 'AgendaItem',
    'Paper', 'Consultation', 'SeatRule')),
  local_id uuid NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source_id)
);
CREATE INDEX oparl_sources_local_idx ON oparl_sources (local_id);

SELECT tenant_rls('oparl_sources');
SELECT rls_initplan();
SELECT tenant_safe_references();
