-- Issue #13: what a creation's full image carries: C2PA content credentials (signed, by whom, trusted or a
-- development certificate) or none and why, with the sha256 of the file as served, by which a checked file is found.
-- NULL: published before content credentials existed.
ALTER TABLE creations ADD COLUMN credentials jsonb;
CREATE INDEX creations_file_sha256_idx ON creations ((credentials ->> 'fileSha256'));
