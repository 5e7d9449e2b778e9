-- Collection works: one row per (source, source_id). Refused works are kept with their reason so an
-- import report and a remix request can say why, but they are never listed, shown or remixed.
CREATE TABLE collection_works (
  id               text PRIMARY KEY,
  source           text NOT NULL,
  source_id        text NOT NULL,
  title            text NOT NULL,
  creator          text,
  creator_life     text,
  date_display     text,
  medium           text,
  description      text,
  institution      text,
  landing_url      text,
  rights_statement text,
  licence_status   text NOT NULL CHECK (licence_status IN ('accepted', 'refused')),
  licence_uri      text,
  licence_family   text CHECK (licence_family IN ('cc0', 'pdm', 'by', 'by-sa')),
  licence_label    text,
  refusal_reason   text,
  credit           text,
  width            integer,
  height           integer,
  image_sha256     text,
  image_keys       jsonb NOT NULL DEFAULT '{}'::jsonb,
  search           tsvector GENERATED ALWAYS AS (
                     to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(creator, '') || ' ' ||
                                           coalesce(institution, '') || ' ' || coalesce(description, ''))
                   ) STORED,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_id),
  CHECK (licence_status = 'refused' OR (licence_uri IS NOT NULL AND licence_family IS NOT NULL)),
  CHECK (licence_status = 'accepted' OR refusal_reason IS NOT NULL)
);
CREATE INDEX collection_works_search_idx ON collection_works USING gin (search);
CREATE INDEX collection_works_listing_idx ON collection_works (licence_status, title);

-- Visitor creations. No personal data: no names, emails or IP addresses of visitors.
CREATE TABLE creations (
  id            uuid PRIMARY KEY,
  request_id    uuid NOT NULL UNIQUE,
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  alt_text      text,
  licence_id    text NOT NULL CHECK (licence_id IN ('cc0', 'by', 'by-sa')),
  licence_uri   text NOT NULL,
  credit_line   text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  width         integer NOT NULL,
  height        integer NOT NULL,
  image_sha256  text NOT NULL,
  image_keys    jsonb NOT NULL,
  document      jsonb NOT NULL,
  provenance    jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  decided_at    timestamptz
);
CREATE INDEX creations_status_idx ON creations (status, created_at);

CREATE TABLE creation_ingredients (
  creation_id uuid NOT NULL REFERENCES creations (id) ON DELETE CASCADE,
  work_id     text NOT NULL REFERENCES collection_works (id),
  role        text NOT NULL CHECK (role IN ('composed', 'style')),
  PRIMARY KEY (creation_id, work_id, role)
);

CREATE TABLE staff_accounts (
  id            uuid PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,40}$'),
  password_hash text NOT NULL,
  role          text NOT NULL DEFAULT 'moderator' CHECK (role IN ('moderator', 'admin')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  disabled_at   timestamptz
);

-- Only a hash of the session token is stored, so a database leak does not leak live sessions.
CREATE TABLE staff_sessions (
  token_sha256 text PRIMARY KEY,
  staff_id     uuid NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);

-- Append-only log of moderation decisions.
CREATE TABLE moderation_events (
  id          bigserial PRIMARY KEY,
  creation_id uuid NOT NULL REFERENCES creations (id),
  staff_id    uuid REFERENCES staff_accounts (id),
  decision    text NOT NULL CHECK (decision IN ('approve', 'reject')),
  reason      text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (decision = 'approve' OR (reason IS NOT NULL AND length(reason) > 0))
);

CREATE FUNCTION moderation_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'moderation_events is append-only';
END;
$$;
CREATE TRIGGER moderation_events_no_update BEFORE UPDATE OR DELETE ON moderation_events
  FOR EACH ROW EXECUTE FUNCTION moderation_events_append_only();
