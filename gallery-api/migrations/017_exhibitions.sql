-- Issue 12: exhibitions of approved creations (an ordered selection, NL and EN texts, dates, online or not, and how
-- a kiosk runs it), and withdrawal: staff take an approved creation out of every public place. Why it was
-- withdrawn is kept in the staff audit log (`creation.withdraw`), not here.
ALTER TABLE creations DROP CONSTRAINT creations_status_check;
ALTER TABLE creations ADD CONSTRAINT creations_status_check CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn'));

CREATE TABLE exhibitions (
  id            uuid PRIMARY KEY,
  title_en      text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 120),
  title_nl      text NOT NULL CHECK (length(title_nl) BETWEEN 1 AND 120),
  text_en       text NOT NULL DEFAULT '',
  text_nl       text NOT NULL DEFAULT '',
  starts_on     date,
  ends_on       date,
  public        boolean NOT NULL DEFAULT false,
  slide_seconds integer NOT NULL DEFAULT 12 CHECK (slide_seconds BETWEEN 3 AND 600),
  transition    text NOT NULL DEFAULT 'fade' CHECK (transition IN ('fade', 'slide', 'none')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
);

-- The selection, in order. A creation hangs in an exhibition at most once; it stays listed after a withdrawal
-- (staff see it flagged), and every public read joins on `creations.status = 'approved'`.
CREATE TABLE exhibition_items (
  exhibition_id uuid NOT NULL REFERENCES exhibitions (id) ON DELETE CASCADE,
  creation_id   uuid NOT NULL REFERENCES creations (id),
  position      integer NOT NULL CHECK (position >= 0),
  PRIMARY KEY (exhibition_id, creation_id),
  UNIQUE (exhibition_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX exhibition_items_creation_idx ON exhibition_items (creation_id);
