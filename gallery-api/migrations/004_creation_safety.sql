-- Issue #3: what the nsfwjs safety screen said about the remixes a creation uses. A flag never drops a
-- creation: it stays pending like every other one, and the moderation queue lists flagged ones first with
-- the scores (services/creation-safety.ts). `safety` is null for a creation that uses no remix.
ALTER TABLE creations
  ADD COLUMN safety_flagged boolean NOT NULL DEFAULT false,
  ADD COLUMN safety jsonb;

-- The moderation queue: pending, flagged first, then oldest first.
CREATE INDEX creations_moderation_queue_idx ON creations (status, safety_flagged DESC, created_at, id);
