-- Issue 12: each creation carries its maker's pseudonym, NL and EN ({"nl": "Blauwe Reiger 12", "en": "Blue Heron 12"}),
-- shown on kiosk slides, wall labels and the gallery. A visitor's is derived from a keyed hash of their session (never
-- typed, no personal data); a workshop pupil's is the one the workshop gave them. Creations from before this have none.
ALTER TABLE creations ADD COLUMN maker jsonb;
