-- Issue 12 item 6: open calls (as the Rijksstudio Award). Staff open a call and move it through its phases; visitors
-- submit their own creations; jurors score a simple rubric (1–5 on three criteria) and shortlist; an optional public
-- vote on the shortlist (one vote per visitor session per call, kept only as a keyed hash of the session); results.
CREATE TABLE open_calls (
  id          uuid PRIMARY KEY,
  theme_en    text NOT NULL CHECK (length(theme_en) BETWEEN 1 AND 120),
  theme_nl    text NOT NULL CHECK (length(theme_nl) BETWEEN 1 AND 120),
  brief_en    text NOT NULL DEFAULT '',
  brief_nl    text NOT NULL DEFAULT '',
  opens_on    date,
  closes_on   date,
  categories  text[] NOT NULL DEFAULT '{}',
  public_vote boolean NOT NULL DEFAULT false,
  phase       text NOT NULL DEFAULT 'submissions' CHECK (phase IN ('submissions', 'judging', 'voting', 'results')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE open_call_submissions (
  call_id     uuid NOT NULL REFERENCES open_calls (id) ON DELETE CASCADE,
  creation_id uuid NOT NULL REFERENCES creations (id),
  category    text,
  shortlisted boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (call_id, creation_id)
);

CREATE TABLE open_call_scores (
  call_id     uuid NOT NULL,
  creation_id uuid NOT NULL,
  staff_id    uuid NOT NULL REFERENCES staff_accounts (id),
  originality smallint NOT NULL CHECK (originality BETWEEN 1 AND 5),
  craft       smallint NOT NULL CHECK (craft BETWEEN 1 AND 5),
  theme       smallint NOT NULL CHECK (theme BETWEEN 1 AND 5),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (call_id, creation_id, staff_id),
  FOREIGN KEY (call_id, creation_id) REFERENCES open_call_submissions (call_id, creation_id) ON DELETE CASCADE
);

CREATE TABLE open_call_votes (
  call_id     uuid NOT NULL,
  voter_key   text NOT NULL,
  creation_id uuid NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (call_id, voter_key),
  FOREIGN KEY (call_id, creation_id) REFERENCES open_call_submissions (call_id, creation_id) ON DELETE CASCADE
);
