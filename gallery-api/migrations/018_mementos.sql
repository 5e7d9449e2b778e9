-- Issue 12 item 4: a visitor's take-home memento, a private link to their creation. Only a sha256 of its token is
-- kept (the link is shown once), so a database leak opens no memento; nothing about the visitor is stored.
CREATE TABLE creation_mementos (
  token_sha256 text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  creation_id  uuid NOT NULL REFERENCES creations (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX creation_mementos_creation_idx ON creation_mementos (creation_id);
