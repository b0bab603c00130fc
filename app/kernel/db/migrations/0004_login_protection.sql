-- Login protection that holds under concurrency (docs/decisions/0009-login-protection.md).
-- Every attempt is a row in login_attempts, decided by login_claim() under a lock on the account:
-- "checked" says whether its password was verified at all, "success" is NULL while it is being
-- verified. The per-user counter and lock (users.failed_logins, locked_until) are gone: they were
-- read and rewritten by concurrent requests, and the lock refused the right password.

ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until;

ALTER TABLE login_attempts ADD COLUMN checked boolean NOT NULL DEFAULT true;
ALTER TABLE login_attempts ALTER COLUMN checked DROP DEFAULT;
ALTER TABLE login_attempts ALTER COLUMN success DROP NOT NULL;
-- Attempts are stored with the normalised address, so the indexes serve plain equality.
UPDATE login_attempts SET email = lower(btrim(email));
DROP INDEX login_attempts_recent_idx;
CREATE INDEX login_attempts_account_idx ON login_attempts (email, id) WHERE checked;
CREATE INDEX login_attempts_address_idx ON login_attempts (ip, at) WHERE checked;
CREATE INDEX login_attempts_at_idx ON login_attempts (at);

-- Seconds until the next password may be verified for an account (p_ip NULL) or for an account
-- from one address; zero or less means now. Only verified attempts since the last success count,
-- and one still being verified counts as a failure until it is known, so parallel requests cannot
-- share a free slot:
--   * at most p_limit failures a minute;
--   * from the p_limit-th failure in a row on, a wait after the last one that doubles with every
--     further failure (1 s, 2 s, 4 s, …) up to p_max_delay seconds – a delay, never a lock.
CREATE FUNCTION login_wait(p_email text, p_ip text, p_limit int, p_max_delay int) RETURNS numeric
LANGUAGE sql STABLE AS $$
  WITH checks AS (
    SELECT id, at, success FROM login_attempts
    WHERE email = p_email AND (p_ip IS NULL OR ip = p_ip) AND checked AND at > now() - interval '1 day'
  ), streak AS (
    SELECT at FROM checks WHERE id > coalesce((SELECT max(id) FROM checks WHERE success), 0)
  ), s AS (
    SELECT count(*)::int AS n, max(at) AS last,
           count(*) FILTER (WHERE at > now() - interval '1 minute')::int AS recent,
           min(at) FILTER (WHERE at > now() - interval '1 minute') AS first_recent
    FROM streak
  )
  SELECT greatest(
    0,
    CASE WHEN recent >= p_limit THEN extract(epoch FROM first_recent + interval '1 minute' - now()) END,
    CASE WHEN n >= p_limit THEN extract(epoch FROM last - now())
      + least(p_max_delay, 2 ^ least(n - p_limit, 30))::numeric END
  )::numeric FROM s
$$;

-- Records one attempt and decides in the same step whether its password may be verified
-- (checked = true) or must be refused unverified, and for how long (retry_after, seconds).
-- Known and unknown accounts take exactly this path. Three limits, all of them delays:
--   * the account from this address (login_wait);
--   * the account from anywhere, against guessing from many addresses – not for an address the
--     account has logged in from within a day, so its owner is not slowed down by strangers;
--   * the address across *different* accounts (p_address_accounts accounts with failures within
--     10 minutes), against trying one password on many accounts – again not for an address the
--     account has logged in from, and one account attacked many times counts once, so everyone
--     else behind a shared reverse-proxy address keeps logging in.
CREATE FUNCTION login_claim(p_email text, p_ip text, p_limit int, p_max_delay int, p_address_accounts int)
RETURNS TABLE (attempt_id bigint, checked boolean, retry_after int)
LANGUAGE plpgsql AS $$
DECLARE
  known boolean;
  wait numeric;
BEGIN
  -- Serialises the attempts on one account across connections and instances (held until commit);
  -- each statement below sees every attempt decided before this one.
  PERFORM pg_advisory_xact_lock(hashtextextended('login:' || p_email, 0));
  known := EXISTS (
    SELECT 1 FROM login_attempts a
    WHERE a.email = p_email AND a.ip = p_ip AND a.checked AND a.success AND a.at > now() - interval '1 day');
  wait := login_wait(p_email, p_ip, p_limit, p_max_delay);
  IF NOT known THEN
    wait := greatest(wait, login_wait(p_email, NULL, p_limit, p_max_delay));
    wait := greatest(wait, (
      SELECT extract(epoch FROM last_failure + interval '10 minutes' - now())
      FROM (
        SELECT max(a.at) AS last_failure FROM login_attempts a
        WHERE a.ip = p_ip AND a.checked AND a.success IS NOT TRUE AND a.email <> p_email
          AND a.at > now() - interval '10 minutes'
        GROUP BY a.email ORDER BY 1 DESC OFFSET p_address_accounts - 1 LIMIT 1
      ) nth));
  END IF;
  RETURN QUERY
    INSERT INTO login_attempts AS a (email, ip, checked, success)
    VALUES (p_email, p_ip, wait <= 0, CASE WHEN wait <= 0 THEN NULL ELSE false END)
    RETURNING a.id, a.checked, ceil(greatest(wait, 0))::int;
END $$;

-- Records the outcome of a verified attempt under the same lock and returns the account's failed
-- verifications in a row since its last success (0 after a success; NULL if this failure arrived
-- after a later success). Under the lock each recorded failure raises it by exactly one, so a
-- threshold is reached exactly once, however many attempts run in parallel.
CREATE FUNCTION login_finish(p_attempt bigint, p_success boolean) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  v_email text;
BEGIN
  SELECT email INTO v_email FROM login_attempts WHERE id = p_attempt;
  PERFORM pg_advisory_xact_lock(hashtextextended('login:' || v_email, 0));
  UPDATE login_attempts SET success = p_success WHERE id = p_attempt;
  IF p_success THEN
    RETURN 0;
  END IF;
  RETURN (
    SELECT CASE WHEN p_attempt > last_success THEN (
      SELECT count(*)::int FROM login_attempts
      WHERE email = v_email AND checked AND success = false AND id > last_success
        AND at > now() - interval '1 day')
    END
    FROM (SELECT coalesce(max(id), 0) AS last_success FROM login_attempts
          WHERE email = v_email AND checked AND success AND at > now() - interval '1 day') l);
END $$;

-- Only the owning role (authentication runs in withSystem) decides about logins.
REVOKE ALL ON FUNCTION login_wait(text, text, int, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION login_claim(text, text, int, int, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION login_finish(bigint, boolean) FROM PUBLIC;
