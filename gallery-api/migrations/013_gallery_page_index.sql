-- Issue 16 item 7: the gallery's pages (approved creations, newest first) in the index's own order, id included, so a
-- page is read without sorting and a deep page skips its OFFSET in the index alone (an index-only scan of the ids)
-- before reading the 24 rows it shows (repositories/creation.repository.ts `CREATION_SUMMARY_PAGE_SQL`).
CREATE INDEX creations_status_newest_idx ON creations (status, created_at DESC, id DESC);
