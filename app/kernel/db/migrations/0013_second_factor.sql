-- Second factor (TOTP, RFC 6238) with recovery codes, pending logins, idle limits and
-- re-authentication (docs/decisions/0045-second-factor.md).

-- The TOTP secret is a shared secret, not a hash: it lives in its own table that the request role
-- cannot read at all (migrate.ts SYSTEM_TABLES), not in users, which members of a tenant may read.
-- enrolled_at NULL: being set up (the secret was shown, no code confirmed yet). last_step is the
-- newest time step accepted, so a code is never accepted twice (replay protection).
CREATE TABLE second_factors (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  secret text NOT NULL,
  enrolled_at timestamptz,
  last_step bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Ten one-time codes per account, only their SHA-256 stored (like tokens), shown once.
CREATE TABLE recovery_codes (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, code_hash)
);

-- pending: the password was right, the second factor is still missing; getSessionUser refuses
-- such a row, factor_failures counts wrong codes on it (5 end it).
-- second_factor_at: when a code was last verified in this session (NULL: never in this session).
-- reauth_at: when the password (+ code) was last confirmed for a sensitive step.
-- idle_limit_minutes: NULL = the normal behaviour; else the session ends after that long unused.
ALTER TABLE sessions
  ADD COLUMN pending boolean NOT NULL DEFAULT false,
  ADD COLUMN factor_failures int NOT NULL DEFAULT 0,
  ADD COLUMN second_factor_at timestamptz,
  ADD COLUMN reauth_at timestamptz,
  ADD COLUMN idle_limit_minutes int CHECK (idle_limit_minutes > 0);

ALTER TABLE tenants ADD COLUMN require_second_factor boolean NOT NULL DEFAULT false;
