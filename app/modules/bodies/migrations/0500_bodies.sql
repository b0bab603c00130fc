-- Gremien (bodies): Rat, Ausschüsse, Integrationsrat, Steuerungsgruppe, Beiräte, Netzwerke … with
-- their seat rules and members (issue 12, decision 0023). Meetings, papers and OParl build on these.
CREATE TABLE bodies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  short_name text CHECK (length(short_name) <= 40),
  kind text NOT NULL CHECK (kind IN ('rat', 'ausschuss', 'integrationsrat', 'steuerungsgruppe', 'beirat',
    'netzwerk', 'arbeitsgruppe', 'runder_tisch')),
  -- Who runs its office (an organisation of the register), and how often it meets ("vierteljährlich").
  secretariat_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
  cadence text CHECK (length(cadence) <= 200),
  description text CHECK (length(description) <= 4000),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name)
);

-- A group of seats: "4 Vertreter/innen der Verwaltung". Who may hold one is named by organisation
-- kinds, by a list of organisations (body_seat_rule_organisations: "the five agencies of the
-- Arbeitsplattform Migration share 4 seats"), by both, or by nothing (open). An ex-officio rule is
-- held by whoever holds a function in another body ("Vorsitz des Integrationsrates"): it has no
-- members of its own, so a new chair there moves the seat here.
CREATE TABLE body_seat_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  body_id uuid NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
  label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 200),
  seats int NOT NULL CHECK (seats BETWEEN 1 AND 500),
  voting boolean NOT NULL DEFAULT true,
  organisation_kinds text[] NOT NULL DEFAULT '{}',
  ex_officio_body_id uuid REFERENCES bodies(id) ON DELETE CASCADE,
  ex_officio_function text CHECK (ex_officio_function IN ('chair', 'vice_chair')),
  position int NOT NULL DEFAULT 0,
  CHECK ((ex_officio_body_id IS NULL) = (ex_officio_function IS NULL)),
  CHECK (ex_officio_body_id IS NULL OR ex_officio_body_id <> body_id),
  UNIQUE (body_id, label)
);
CREATE INDEX body_seat_rules_body_idx ON body_seat_rules (body_id, position);

CREATE TABLE body_seat_rule_organisations (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  seat_rule_id uuid NOT NULL REFERENCES body_seat_rules(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  PRIMARY KEY (seat_rule_id, organisation_id)
);

-- A person's place in a body for a term. Members take a seat of a rule; deputies stand in for one
-- member and take no seat; guests have neither seat nor vote. The name is the one personal datum a
-- body's composition needs; contact data and consent for publishing come with OParl.
CREATE TABLE body_memberships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  body_id uuid NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
  person_name text NOT NULL CHECK (length(btrim(person_name)) BETWEEN 1 AND 200),
  organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
  role text NOT NULL CHECK (role IN ('member', 'deputy', 'guest')),
  function text CHECK (function IN ('chair', 'vice_chair')),
  seat_rule_id uuid REFERENCES body_seat_rules(id) ON DELETE RESTRICT,
  deputy_of uuid REFERENCES body_memberships(id) ON DELETE CASCADE,
  starts_on date NOT NULL,
  ends_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  CHECK ((role = 'member') = (seat_rule_id IS NOT NULL)),
  CHECK ((role = 'deputy') = (deputy_of IS NOT NULL)),
  CHECK (function IS NULL OR role = 'member')
);
CREATE INDEX body_memberships_body_idx ON body_memberships (body_id, starts_on);
CREATE INDEX body_memberships_rule_idx ON body_memberships (seat_rule_id);

SELECT tenant_rls('bodies');
SELECT tenant_rls('body_seat_rules');
SELECT tenant_rls('body_seat_rule_organisations');
SELECT tenant_rls('body_memberships');
SELECT rls_initplan();
SELECT tenant_safe_references();
