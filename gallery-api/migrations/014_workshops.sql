-- Issue 11: workshops an educator runs for a class. Pupils have no account and no personal data: a generated
-- pseudonym (NL and EN), a keyed hash of their rejoin code and of their take-home link, nothing else. Everything a
-- pupil leaves is deleted `retention_days` after the workshop ends (services/workshop-sweeper.ts), except approved
-- work, which stays under its pseudonym.
CREATE TABLE workshops (
  id             uuid PRIMARY KEY,
  educator_id    uuid NOT NULL REFERENCES staff_accounts (id),
  title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  lang           text NOT NULL CHECK (lang IN ('en', 'nl')),
  starts_at      timestamptz NOT NULL,
  ends_at        timestamptz NOT NULL,
  brief          jsonb NOT NULL,
  assignment     jsonb NOT NULL,
  tools          text[] NOT NULL,
  may_draw       boolean NOT NULL,
  may_search     boolean NOT NULL,
  publish_rule   text NOT NULL CHECK (publish_rule IN ('class', 'public')),
  -- Freed (NULL) once the workshop's data is forgotten, so codes are not used up.
  join_code      text UNIQUE,
  locked         boolean NOT NULL DEFAULT false,
  ended_at       timestamptz,
  retention_days integer NOT NULL CHECK (retention_days > 0),
  forgotten_at   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '1 day')
);
CREATE INDEX workshops_educator_idx ON workshops (educator_id, created_at);
CREATE INDEX workshops_forget_idx ON workshops ((coalesce(ended_at, ends_at))) WHERE forgotten_at IS NULL;

CREATE TABLE workshop_pupils (
  id            uuid PRIMARY KEY,
  workshop_id   uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
  pseudonym_nl  text NOT NULL,
  pseudonym_en  text NOT NULL,
  rejoin_hash   text NOT NULL,
  takehome_hash text NOT NULL UNIQUE,
  joined_at     timestamptz NOT NULL DEFAULT now(),
  removed_at    timestamptz,
  UNIQUE (workshop_id, pseudonym_en),
  UNIQUE (workshop_id, rejoin_hash)
);

-- A pupil's "publish": the creation as PublishService built it (images, provenance, credit line), held here for the
-- educator and never in `creations` while it waits, so no public list or moderation query sees it. Approved work
-- shows in the class gallery; where the workshop publishes publicly it is then also inserted into `creations` as
-- pending (`public_creation_id`), for the museum's moderation.
CREATE TABLE workshop_submissions (
  id                 uuid PRIMARY KEY,
  request_id         uuid NOT NULL UNIQUE,
  workshop_id        uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
  pupil_id           uuid REFERENCES workshop_pupils (id) ON DELETE SET NULL,
  -- Kept here so approved work stays credited to its pseudonym after the pupil rows are forgotten.
  pseudonym_nl       text NOT NULL,
  pseudonym_en       text NOT NULL,
  title              text NOT NULL,
  credit_line        text NOT NULL,
  image_keys         jsonb NOT NULL,
  creation           jsonb NOT NULL,
  state              text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'returned', 'approved', 'rejected')),
  comment            text,
  decided_by         uuid REFERENCES staff_accounts (id),
  public_creation_id uuid REFERENCES creations (id) ON DELETE SET NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  decided_at         timestamptz
);
CREATE INDEX workshop_submissions_workshop_idx ON workshop_submissions (workshop_id, state, created_at);
CREATE INDEX workshop_submissions_pupil_idx ON workshop_submissions (pupil_id) WHERE pupil_id IS NOT NULL;
