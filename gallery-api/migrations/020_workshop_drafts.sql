-- Issue 11, item 8: drafts a workshop pupil saves are the workshop's data, deleted with it when its retention ends
-- (services/workshop.service.ts forgetDue), not only on their own expiry. A draft row itself names no one.
CREATE TABLE workshop_drafts (
  draft_id    uuid PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,
  workshop_id uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE
);
CREATE INDEX workshop_drafts_workshop_idx ON workshop_drafts (workshop_id);
