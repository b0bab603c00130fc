-- Periodic tasks run inside the app (issue 17 item 4, decision 0048): one row per task, kernel's and
-- modules'. Not tenant data: the system role reads and writes it; the request role may not touch it
-- (migrate.ts SYSTEM_TABLES). A due run is claimed by one instance with an UPDATE that sets a lease
-- (running_until) and already moves next_run_at on, so several instances on one PostgreSQL run it once.
CREATE TABLE schedules (
  name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_.:-]{0,99}$'),
  every_seconds integer CHECK (every_seconds > 0),
  daily_at_hour smallint CHECK (daily_at_hour BETWEEN 0 AND 23),
  next_run_at timestamptz NOT NULL,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_result text CHECK (last_result IN ('ok', 'error')),
  last_message text CHECK (length(last_message) <= 2000),
  running_until timestamptz,
  claim_token uuid,
  CHECK ((every_seconds IS NULL) <> (daily_at_hour IS NULL))
);
