-- Issue #4: the visitor's words become one tsquery in the database, so the Dutch and English stems come from the
-- same snowball dictionaries that built the `search` column.
--
-- Per word: `word:*`, plus each stem that the prefix does not already cover (`landscapes` → `landscapes:* |
-- landscap`; `portrait` → `portrait:*` alone); words are ANDed. Repeating covered stems made every term count two
-- or three times, which slowed ts_rank and inflated the planner's estimate until it chose a sequential scan.
CREATE FUNCTION atelier_search_query(words text[]) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(
    '(' || (
      SELECT string_agg(term, ' | ' ORDER BY term)
      FROM (
        SELECT quote_literal(w) || ':*' AS term
        UNION
        SELECT quote_literal(stem)
        FROM unnest(coalesce(ts_lexize('english_stem', w), '{}') || coalesce(ts_lexize('dutch_stem', w), '{}')) AS stem
        WHERE left(stem, length(w)) <> w
      ) AS terms
    ) || ')',
    ' & ' ORDER BY ord
  )::tsquery
  FROM unnest(words) WITH ORDINALITY AS u(w, ord)
  WHERE w <> ''
$$;

-- Better frequencies for the lexemes the planner weighs against the date and institution indexes.
ALTER TABLE collection_works ALTER COLUMN search SET STATISTICS 1000;
