-- Issue 15: what museum sources give beyond one English line.
--   titles / descriptions: text per language as the source tags it ({"en": "…", "nl": "…"}); `title` and
--     `description` stay the display default.
--   creator_role: what the creator did, when the source says ("Artist", "Printmaker", "Attributed to").
--   iiif_region: the part of the IIIF service's image a work is, when the source paints only a region of it
--     ({"x":140,"y":870,"w":1800,"h":1778}); width × height are then that region's.
ALTER TABLE collection_works
  ADD COLUMN titles       jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(titles) = 'object'),
  ADD COLUMN descriptions jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(descriptions) = 'object'),
  ADD COLUMN creator_role text,
  ADD COLUMN iiif_region  jsonb CHECK (iiif_region IS NULL OR jsonb_typeof(iiif_region) = 'object');

-- The Rijksmuseum importer kept its Dutch title as the first line of the description ("Dutch title: …"), the only
-- place it had; it moves to `titles`, beside the English title it stored as `title`.
UPDATE collection_works
   SET titles = jsonb_build_object('en', title, 'nl', substring(description FROM '^Dutch title: ([^\n]*)')),
       description = nullif(regexp_replace(description, '^Dutch title: [^\n]*(\n\n)?', ''), '')
 WHERE source = 'rijksmuseum' AND description LIKE 'Dutch title: %';

-- Every language's text in one string, for the search column (a generated column needs an immutable function).
CREATE FUNCTION atelier_lang_texts(m jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(value, ' ' ORDER BY key), '') FROM jsonb_each_text(coalesce(m, '{}'::jsonb))
$$;

-- The search column of 002 with the titles of every language weighed as titles and the descriptions as
-- descriptions, so "sterrennacht" finds "The Starry Night" and "schreeuw" finds "The Scream".
ALTER TABLE collection_works DROP COLUMN search;
ALTER TABLE collection_works ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple'::regconfig, atelier_fold(title || ' ' || atelier_lang_texts(titles))), 'A') ||
  setweight(to_tsvector('english'::regconfig, atelier_fold(title || ' ' || atelier_lang_texts(titles))), 'A') ||
  setweight(to_tsvector('dutch'::regconfig, atelier_fold(title || ' ' || atelier_lang_texts(titles))), 'A') ||
  setweight(to_tsvector('simple'::regconfig, atelier_fold(creator)), 'B') ||
  setweight(to_tsvector('simple'::regconfig, atelier_fold(coalesce(institution, '') || ' ' || coalesce(medium, ''))), 'C') ||
  setweight(to_tsvector('simple'::regconfig, atelier_fold(coalesce(description, '') || ' ' || atelier_lang_texts(descriptions))), 'D') ||
  setweight(to_tsvector('english'::regconfig, atelier_fold(coalesce(description, '') || ' ' || atelier_lang_texts(descriptions))), 'D') ||
  setweight(to_tsvector('dutch'::regconfig, atelier_fold(coalesce(description, '') || ' ' || atelier_lang_texts(descriptions))), 'D')
) STORED;
CREATE INDEX collection_works_search_idx ON collection_works USING gin (search)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;
ALTER TABLE collection_works ALTER COLUMN search SET STATISTICS 1000;

-- A run that could not finish (the source unreadable, a broken works.json) is recorded as failed, with why, so
-- `collection status` tells it from one still running.
ALTER TABLE collection_sources
  ADD COLUMN last_failed_at timestamptz,
  ADD COLUMN last_error     text;
