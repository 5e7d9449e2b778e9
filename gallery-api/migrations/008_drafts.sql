-- Issue #14: drafts a visitor saves to resume on another device with a short code. No personal data and no code:
-- only a keyed hash of the code (HMAC under ATELIER_SESSION_SECRET). `remixes` are the remix records copied at save
-- (with the storage key of each output's copy), so the draft opens for a session that could not read the originals.
-- Rows past `expires_at` are never answered and are deleted, with their files, by the sweep.
CREATE TABLE drafts (
  id         uuid PRIMARY KEY,
  code_hash  text NOT NULL UNIQUE,
  document   jsonb NOT NULL,
  history    jsonb NOT NULL,
  remixes    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CHECK (expires_at > created_at)
);
CREATE INDEX drafts_expires_idx ON drafts (expires_at);
