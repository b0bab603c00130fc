-- Milestones consistent with the measure's status (issue 13): a measure is finished only when each
-- of its milestones is reached or given up, so a milestone can now be cancelled – on a day, kept in
-- the record (unlike deleting, which only a draft edition allows). A milestone is done or
-- cancelled, never both.
ALTER TABLE concept_milestones
  ADD COLUMN cancelled_on date,
  ADD CONSTRAINT concept_milestones_done_or_cancelled CHECK (done_on IS NULL OR cancelled_on IS NULL);
