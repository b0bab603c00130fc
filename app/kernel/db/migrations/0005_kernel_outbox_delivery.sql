-- Mail is delivered once: a sender claims a row (claimed_until, claim_token) in a short transaction
-- with FOR UPDATE SKIP LOCKED before it talks to the SMTP server, so two senders never take the same
-- row; a sender that dies mid-send leaves a claim that expires. Every attempt is counted; a failed
-- one waits until next_attempt_at (exponential backoff), and after the last allowed attempt the row
-- is given up (failed_at) and stays visible in the platform outbox.
ALTER TABLE outbox RENAME COLUMN error TO last_error;
ALTER TABLE outbox
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN claimed_until timestamptz,
  ADD COLUMN claim_token uuid,
  ADD COLUMN failed_at timestamptz;

-- The senders' question "what is due?" reads only the open rows.
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
