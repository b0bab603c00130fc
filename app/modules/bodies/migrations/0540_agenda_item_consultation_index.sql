-- The touch triggers of migration 0530 look up a consultation's agenda items by consultation_id alone
-- (deleted items included); the only index on the column is partial (live items), so each changed
-- consultation scanned every agenda item of every tenant, and a large OParl import grew quadratically
-- (found by bench/oparl-crawl.ts). A plain index serves the trigger's query.
CREATE INDEX body_agenda_items_consultation_all ON body_agenda_items (consultation_id);
