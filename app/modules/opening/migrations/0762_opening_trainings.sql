-- Trainings (issue 15 item 6): courses with target groups and a mandatory flag, their sessions,
-- participants counted per organisational unit (no names), and the participants' anonymous evaluation
-- on the scale of seed 004:4178, 1 = "trifft voll zu" (best) … 5 = "trifft nicht zu".
CREATE TABLE opening_training_courses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 4000),
  target_groups text[] NOT NULL DEFAULT '{}' CHECK (cardinality(target_groups) <= 20),
  mandatory boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, title)
);

-- A session; its evaluation code is what participants type into the public form (shared by all of
-- a session's participants, like an open link: it identifies the session, not a person).
CREATE TABLE opening_training_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  course_id uuid NOT NULL REFERENCES opening_training_courses(id) ON DELETE CASCADE,
  held_on date NOT NULL,
  place text NOT NULL CHECK (length(btrim(place)) BETWEEN 1 AND 200),
  eval_code text NOT NULL CHECK (eval_code ~ '^[A-Z2-9]{8}$'),
  eval_open boolean NOT NULL DEFAULT true,
  UNIQUE (tenant_id, eval_code)
);
CREATE INDEX opening_training_sessions_course_idx ON opening_training_sessions (course_id, held_on);

CREATE TABLE opening_training_participants (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  session_id uuid NOT NULL REFERENCES opening_training_sessions(id) ON DELETE CASCADE,
  unit text NOT NULL CHECK (length(btrim(unit)) BETWEEN 1 AND 200),
  participants int NOT NULL CHECK (participants BETWEEN 1 AND 10000),
  PRIMARY KEY (session_id, unit)
);

-- One mark of one participant to one question. No person, no id, no timestamp: the session (and so
-- its date) is the finest time there is.
CREATE TABLE opening_training_evaluations (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  session_id uuid NOT NULL REFERENCES opening_training_sessions(id) ON DELETE CASCADE,
  question text NOT NULL CHECK (question IN ('insights', 'interest')),
  mark smallint NOT NULL CHECK (mark BETWEEN 1 AND 5)
);
CREATE INDEX opening_training_evaluations_session_idx ON opening_training_evaluations (session_id, question);

SELECT tenant_rls('opening_training_courses');
SELECT tenant_rls('opening_training_sessions');
SELECT tenant_rls('opening_training_participants');
SELECT tenant_rls('opening_training_evaluations');
SELECT rls_initplan();
SELECT tenant_safe_references();
