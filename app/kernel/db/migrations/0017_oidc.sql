-- Single sign-on with OpenID Connect (issue 17 item 1, docs/decisions/0047-single-sign-on.md).

-- One identity provider per tenant, set up by the tenant's administration. The client secret is never
-- stored: client_secret_env names an environment variable of the server that holds it (only names
-- starting with OIDC_, so no other setting of the server can be sent to a provider). No name: a public
-- client (PKCE only). default_role NULL: no access without a mapped claim value.
CREATE TABLE oidc_configs (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  enabled boolean NOT NULL DEFAULT true,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  issuer text NOT NULL CHECK (issuer ~ '^https?://' AND length(issuer) <= 500),
  client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 300),
  client_secret_env text CHECK (client_secret_env ~ '^OIDC_[A-Z0-9_]{1,60}$'),
  scopes text NOT NULL DEFAULT 'openid email profile' CHECK (scopes ~ '(^| )openid( |$)' AND length(scopes) <= 500),
  role_claim text NOT NULL DEFAULT 'groups' CHECK (length(role_claim) BETWEEN 1 AND 100),
  default_role text CHECK (default_role IN ('admin', 'editor', 'partner', 'viewer')),
  password_login boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL
);
SELECT tenant_rls('oidc_configs');

-- Claim value (a group's name or id, an app role) → role in the tenant. Several matching values: the
-- highest role wins.
CREATE TABLE oidc_role_mappings (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  claim_value text NOT NULL CHECK (length(claim_value) BETWEEN 1 AND 300),
  role text NOT NULL CHECK (role IN ('admin', 'editor', 'partner', 'viewer')),
  PRIMARY KEY (tenant_id, claim_value)
);
SELECT tenant_rls('oidc_role_mappings');

-- Which account a provider's subject is: found by (tenant, sub) on every later login, so a changed
-- e-mail address at the provider does not make a second account.
CREATE TABLE oidc_identities (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  issuer text NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, subject)
);
SELECT tenant_rls('oidc_identities');

-- A login on its way through the provider (state, PKCE verifier, nonce), kept in the database so any
-- app process can take the callback; browser_hash binds it to the browser that started it (a cookie).
-- Only the system role reads it (migrate.ts SYSTEM_TABLES); used once, gone after 10 minutes.
CREATE TABLE oidc_logins (
  state_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  browser_hash text NOT NULL,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  next text,
  expires_at timestamptz NOT NULL
);
SELECT tenant_rls('oidc_logins');
INSERT INTO content_untracked (relname) VALUES ('oidc_logins'), ('oidc_identities');

-- A session opened by single sign-on: its tenant (whose local-password rule it is exempt from and
-- whose provider logs it out) and the provider's logout address for it (with id_token_hint).
ALTER TABLE sessions
  ADD COLUMN sso_tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
  ADD COLUMN sso_logout_url text;

SELECT rls_initplan();
SELECT tenant_safe_references();
