-- The work's own IIIF Presentation manifest at its institution, when the source has one (an IIIF import, AIC,
-- Europeana, SMK): a creation's manifest links to it (issue 13, item 4). Null for sources without manifests.
ALTER TABLE collection_works ADD COLUMN iiif_manifest text;
