-- Break-glass requests expire too (issue 16 item 5: "break-glass … expires"): an emergency that nobody
-- of the owning institution confirmed within 24 hours is no emergency any more, and a request approved
-- days later would open a case for a reason nobody re-examined. The requester asks again if still needed.
-- Same trigger body as in 0882 plus the check on requested_at; any later change starts from this one.
CREATE OR REPLACE FUNCTION case_break_glass_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  me case_staff;
  found_me boolean;
BEGIN
  SELECT * INTO me FROM case_me();
  found_me := FOUND;
  IF (NEW.network_id, NEW.client_id, NEW.requested_by, NEW.reason, NEW.categories, NEW.requested_at)
     IS DISTINCT FROM (OLD.network_id, OLD.client_id, OLD.requested_by, OLD.reason, OLD.categories, OLD.requested_at) THEN
    RAISE EXCEPTION 'case_break_glass: a request is not rewritten' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_break_glass_immutable';
  END IF;
  IF (NEW.approved_by, NEW.approved_at) IS DISTINCT FROM (OLD.approved_by, OLD.approved_at) THEN
    IF OLD.approved_by IS NOT NULL OR NOT found_me OR NEW.approved_by IS DISTINCT FROM me.id
       OR me.role NOT IN ('coordination', 'lead') OR NEW.approved_at IS DISTINCT FROM now() THEN
      RAISE EXCEPTION 'case_break_glass: approval' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'case_break_glass_approval';
    END IF;
    IF OLD.requested_at < now() - interval '24 hours' THEN
      RAISE EXCEPTION 'case_break_glass: the request is stale' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'case_break_glass_stale';
    END IF;
  ELSIF NEW.expires_at IS DISTINCT FROM OLD.expires_at AND NOT NEW.expires_at < OLD.expires_at THEN
    RAISE EXCEPTION 'case_break_glass: the end only moves earlier' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_break_glass_expiry';
  END IF;
  IF (NEW.reviewed_by, NEW.reviewed_at, NEW.review_note) IS DISTINCT FROM (OLD.reviewed_by, OLD.reviewed_at, OLD.review_note) THEN
    IF OLD.reviewed_by IS NOT NULL OR NOT found_me OR NEW.reviewed_by IS DISTINCT FROM me.id OR me.role <> 'dpo' THEN
      RAISE EXCEPTION 'case_break_glass: review' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'case_break_glass_review';
    END IF;
  END IF;
  RETURN NEW;
END $$;
