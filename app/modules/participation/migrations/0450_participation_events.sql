-- Veranstaltungen (issue 12 item 2, decision 0029): events of a participation process or on their own,
-- with venue, accessibility and a barrier checklist, and registrations without an account with a
-- waiting list. Registrants' personal data is anonymised three months after the event
-- (pruneEventRegistrations); what stays is the organisation type and attendance, for the report.
CREATE TABLE participation_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid REFERENCES participation_processes(id) ON DELETE SET NULL,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 4000),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  mode text NOT NULL DEFAULT 'in_person' CHECK (mode IN ('in_person', 'online', 'hybrid')),
  venue_address text CHECK (length(venue_address) <= 400),
  barrier_free text CHECK (barrier_free IN ('yes', 'no', 'partly')),
  public_transport boolean,
  venue_notes text CHECK (length(venue_notes) <= 2000),
  online_link text CHECK (length(online_link) <= 400 AND online_link ~ '^https://'),
  capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  audience text NOT NULL DEFAULT 'general'
    CHECK (audience IN ('general', 'volunteers', 'professionals', 'migrant_organisations', 'youth')),
  -- The barrier checklist: what the event offers so that people can come.
  childcare boolean NOT NULL DEFAULT false,
  interpreter_languages text CHECK (length(interpreter_languages) <= 200),
  sign_language boolean NOT NULL DEFAULT false,
  easy_language boolean NOT NULL DEFAULT false,
  expense_refund boolean NOT NULL DEFAULT false,
  support_notes text CHECK (length(support_notes) <= 2000),
  published boolean NOT NULL DEFAULT false,
  -- The last registration's number: registrations are numbered under this row's lock, which is also
  -- what keeps two registrations for the last seat from both getting it.
  last_seq int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- DTSTAMP of the calendar entry.
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (mode = 'online' OR venue_address IS NOT NULL),
  CHECK (mode = 'in_person' OR online_link IS NOT NULL)
);
CREATE INDEX participation_events_tenant_idx ON participation_events (tenant_id, starts_at);
CREATE INDEX participation_events_process_idx ON participation_events (process_id);

CREATE TABLE participation_event_registrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES participation_events(id) ON DELETE CASCADE,
  seq int NOT NULL CHECK (seq > 0),
  status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
  -- Personal data, NULL once anonymised.
  name text CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  email text CHECK (length(email) BETWEEN 3 AND 254),
  organisation text CHECK (length(organisation) <= 200),
  needs_interpreter text CHECK (length(needs_interpreter) <= 200),
  needs_childcare boolean NOT NULL DEFAULT false,
  needs_notes text CHECK (length(needs_notes) <= 1000),
  -- Kept after anonymisation: representation by organisation type (never a person's origin).
  organisation_type text CHECK (organisation_type IN ('administration', 'welfare', 'migrant_organisation', 'politics',
    'civil_society', 'other')),
  -- Only the SHA-256 of the cancellation link's secret.
  cancel_token_hash text UNIQUE CHECK (length(cancel_token_hash) = 64),
  consented_at timestamptz NOT NULL DEFAULT now(),
  attended boolean,
  anonymised_at timestamptz,
  CHECK ((anonymised_at IS NULL) = (name IS NOT NULL AND email IS NOT NULL)),
  CHECK (anonymised_at IS NULL OR (organisation IS NULL AND needs_interpreter IS NULL AND needs_notes IS NULL
    AND cancel_token_hash IS NULL)),
  UNIQUE (event_id, seq)
);
-- One live registration per address and event.
CREATE UNIQUE INDEX participation_event_registrations_email_idx
  ON participation_event_registrations (event_id, lower(email)) WHERE status <> 'cancelled';
CREATE INDEX participation_event_registrations_event_idx ON participation_event_registrations (event_id, status, seq);

SELECT tenant_rls('participation_events');
SELECT tenant_rls('participation_event_registrations');
SELECT rls_initplan();
SELECT tenant_safe_references();
