-- Commenting on a draft text, paragraph by paragraph (issue 12 item 1, decision 0031). A draft belongs to
-- a participation process; its text is the Haltung of a concept edition or text pasted by staff. It is
-- split into paragraphs once, when it is made: the stored paragraphs are what people comment on, so a
-- later edit of the concept moves no comment to another paragraph.
CREATE TABLE participation_drafts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid NOT NULL REFERENCES participation_processes(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  source text NOT NULL CHECK (source IN ('haltung', 'custom')),
  -- The edition whose Haltung was copied; the copy stays when the edition goes.
  edition_id uuid REFERENCES concept_editions(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  CHECK (source = 'haltung' OR edition_id IS NULL),
  -- The target of the paragraphs' key: a paragraph names the draft's process as well.
  UNIQUE (tenant_id, process_id, id)
);
CREATE INDEX participation_drafts_process_idx ON participation_drafts (process_id);

CREATE TABLE participation_draft_paragraphs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid NOT NULL,
  draft_id uuid NOT NULL,
  position int NOT NULL CHECK (position BETWEEN 1 AND 500),
  body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 20000),
  FOREIGN KEY (tenant_id, process_id, draft_id) REFERENCES participation_drafts (tenant_id, process_id, id)
    ON DELETE CASCADE ON UPDATE CASCADE,
  UNIQUE (draft_id, position),
  UNIQUE (tenant_id, process_id, draft_id, id)
);

-- A comment on one paragraph. Anonymous by default, or under a name the writer chooses; like the
-- process's cards (0025) it has no account, no address and no time, not even a date: order is a
-- per-draft sequence number (the draft row is locked while numbering), the period is the draft's open
-- window. A schema test fails when such a column appears. Staff hide a comment (moderation) and
-- answer it; who answered is the audit log's.
CREATE TABLE participation_draft_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid NOT NULL,
  draft_id uuid NOT NULL,
  paragraph_id uuid NOT NULL,
  seq int NOT NULL CHECK (seq > 0),
  body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000),
  display_name text CHECK (length(btrim(display_name)) BETWEEN 1 AND 80),
  hidden boolean NOT NULL DEFAULT false,
  answer text CHECK (length(btrim(answer)) BETWEEN 1 AND 4000),
  -- The paragraph is one of the same draft, process and tenant.
  FOREIGN KEY (tenant_id, process_id, draft_id, paragraph_id)
    REFERENCES participation_draft_paragraphs (tenant_id, process_id, draft_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  UNIQUE (draft_id, seq)
);
CREATE INDEX participation_draft_comments_paragraph_idx ON participation_draft_comments (paragraph_id);

SELECT tenant_rls('participation_drafts');
SELECT tenant_rls('participation_draft_paragraphs');
SELECT tenant_rls('participation_draft_comments');
SELECT rls_initplan();
SELECT tenant_safe_references();
