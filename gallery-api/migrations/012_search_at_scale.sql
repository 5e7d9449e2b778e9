-- Issue 16 item 1: search at museum scale (100,000 to 1,000,000 works) without ranking every match.
--
-- A search ranks by tier, then by a key stored with each work (repositories/work-search.postgres.ts):
--   0  every word is a whole word of the title, or its English / Dutch stem
--   1  every word begins a word of the title (typing: "sch" → "Schip")
--   2  every word is in the creator's name
--   3  every word is anywhere else (institution, medium, description)
-- and within a tier by `search_rank` (better-described works first), then id. A common word is then answered from
-- the first few hundred works in that order, walked along an index, instead of ranking 20,000 matches; a rare word
-- goes through the GIN index.

-- A text's whole words with their stems ('simple', 'english', 'dutch'), without positions or weights.
CREATE FUNCTION atelier_words(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT strip(to_tsvector('simple'::regconfig, atelier_fold(t)) || to_tsvector('english'::regconfig, atelier_fold(t))
    || to_tsvector('dutch'::regconfig, atelier_fold(t)))
$$;

-- The visitor's words as whole words: each word or one of its English / Dutch stems; words are ANDed.
CREATE FUNCTION atelier_search_words(words text[]) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(
    '(' || (
      SELECT string_agg(quote_literal(term), ' | ' ORDER BY term)
      FROM (
        SELECT w AS term
        UNION
        SELECT stem FROM unnest(coalesce(ts_lexize('english_stem', w), '{}') || coalesce(ts_lexize('dutch_stem', w), '{}')) AS stem
      ) AS terms
    ) || ')',
    ' & ' ORDER BY ord
  )::tsquery
  FROM unnest(words) WITH ORDINALITY AS u(w, ord)
  WHERE w <> ''
$$;

ALTER TABLE collection_works
    -- Tiers 0 and 1: the title in every language the source gives, a small vector with its own small GIN index.
  ADD COLUMN search_title tsvector GENERATED ALWAYS AS (atelier_words(title || ' ' || atelier_lang_texts(titles))) STORED,
  -- Tier 2: the creator's name, as words.
  ADD COLUMN search_creator tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, atelier_fold(creator)))) STORED,
  -- Better-described works first within a tier: one point each for no IIIF service, no description, no creator, no
  -- date (0 to 4). It knows nothing of the words, so the walk in this order meets every kind of work early.
  ADD COLUMN search_rank smallint GENERATED ALWAYS AS (
    (iiif_service IS NULL)::int + (coalesce(description, '') = '')::int + (creator IS NULL)::int + (date_start IS NULL AND date_end IS NULL)::int
  ) STORED;

-- Only visible works are searched. fastupdate off: a pending list is read in full by every search until a vacuum
-- merges it; after an import of 10,000 works every search read all of them, and the index looked unused at 10k.
CREATE INDEX collection_works_search_title_idx ON collection_works USING gin (search_title) WITH (fastupdate = off)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;
CREATE INDEX collection_works_search_creator_idx ON collection_works USING gin (search_creator) WITH (fastupdate = off)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;
DROP INDEX collection_works_search_idx;
CREATE INDEX collection_works_search_idx ON collection_works USING gin (search) WITH (fastupdate = off)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;
-- The walk in rank order (`id COLLATE "C"`: the same order in every locale, and in the service's JavaScript).
CREATE INDEX collection_works_search_rank_idx ON collection_works (search_rank, id COLLATE "C")
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;
