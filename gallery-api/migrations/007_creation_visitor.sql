-- Issue #10: each creation is bound to the visitor session that published it, for the pending-per-session cap
-- and a later "my creations". Only a keyed hash of the session id is kept (HMAC under ATELIER_SESSION_SECRET,
-- common's VisitorSessions.pseudonym): it names no person, and once the secret changes it links to nothing.
-- Creations published before this have none.
ALTER TABLE creations ADD COLUMN visitor_key text;

CREATE INDEX creations_visitor_idx ON creations (visitor_key, status) WHERE visitor_key IS NOT NULL;
