-- Issue 16 item 1, at a million works: the search's GIN fallback and the date filter's count without scanning a list.
--
-- A prefix (`river:*`) in a tsquery is a partial match in the GIN index on `search`: every lexeme beginning with it is
-- read into a bitmap before any AND, and at a million works that bitmap outgrows work_mem and turns lossy. Two common
-- words that share no work ("river landscape") took 95 ms in the index and 165 ms with the recheck of 21,000 heap pages;
-- the same two words as whole lexemes, 10 ms. So each lexeme's beginnings are indexed as lexemes of their own.

-- A work's lexemes (`search`, stripped) and, marked by a leading space (no parser lexeme has one), every beginning of
-- each up to 64 characters (services/work-search.ts MAX_WORD_LENGTH: no visitor's word is longer; a test keeps them
-- equal), so `' rem'` is in the vector of every work with a lexeme that begins with "rem".
CREATE FUNCTION atelier_prefixes(v tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY(
    SELECT l FROM unnest(tsvector_to_array(v)) AS l
    UNION
    SELECT ' ' || left(l, n) FROM unnest(tsvector_to_array(v)) AS l, generate_series(1, least(length(l), 64)) AS n))
$$;

-- `atelier_search_query` (migration 003) for `atelier_prefixes(search)`: the same words and stems, each `'word':*` turned
-- into the marked beginning `' word'`, so `atelier_prefixes(search) @@ atelier_prefix_query(w)` matches the works
-- `search @@ atelier_search_query(w)` does, for words of up to 64 characters (what `searchWords` gives).
CREATE FUNCTION atelier_prefix_query(words text[]) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(atelier_search_query(words)::text, '''((?:[^'']|'''')*)'':\*', ''' \1''', 'g')::tsquery
$$;

-- An expression index: the vector is not stored, so the rows the search walks stay as narrow as they were.
CREATE INDEX collection_works_search_prefix_idx ON collection_works USING gin (atelier_prefixes(search)) WITH (fastupdate = off)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;

-- Listing by years counts up to a cap: `coalesce(date_end, date_start) >= from` starts the walk at `from` instead of
-- reading every earlier work from the (date_start, date_end) index (392,000 entries at a million works for 1600–1650).
CREATE INDEX collection_works_date_to_idx ON collection_works ((coalesce(date_end, date_start))) INCLUDE (date_start, date_end)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;
