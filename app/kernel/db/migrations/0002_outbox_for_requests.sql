-- Lets request transactions (role teilhabe_app) queue mail for their own tenant without opening the
-- outbox table itself, which holds every tenant's mail.
CREATE OR REPLACE FUNCTION enqueue_mail(p_recipient text, p_subject text, p_body text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO outbox (tenant_id, recipient, subject, body) VALUES (app_tenant_id(), p_recipient, p_subject, p_body);
$$;
REVOKE ALL ON FUNCTION enqueue_mail(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION enqueue_mail(text, text, text) TO teilhabe_app;
