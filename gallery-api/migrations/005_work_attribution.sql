-- Issue 9: one credit builder. `collection_works.credit` held a text that a second builder wrote at import: the
-- institution's own requested attribution (verbatim, or with ` — {licence}` appended when it named no licence),
-- or, when the source gave none, a TASL line of its own. Credit texts are now built on every read by contracts'
-- `workCredit`, in the language asked for; the column keeps only what the institution asked for.
ALTER TABLE collection_works RENAME COLUMN credit TO attribution;

-- What the old builder appended or wrote, from the row's own columns (its licence text, its TASL line).
CREATE FUNCTION atelier_005_licence_text(family text, label text, uri text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN family IN ('by', 'by-sa') THEN label || ' (' || uri || ')' ELSE label END
$$;

-- A TASL line the old builder wrote is not the institution's words: cleared (the source gave no attribution).
UPDATE collection_works
   SET attribution = NULL
 WHERE attribution IS NOT NULL
   AND attribution = concat_ws(', ', '“' || btrim(title) || '”', nullif(btrim(creator), ''), nullif(btrim(date_display), ''),
                               nullif(btrim(institution), ''))
                     || ' — ' || atelier_005_licence_text(licence_family, licence_label, licence_uri);

-- The institution's line with the licence appended keeps only the institution's words.
UPDATE collection_works
   SET attribution = left(attribution, length(attribution) - length(' — ' || atelier_005_licence_text(licence_family, licence_label, licence_uri)))
 WHERE attribution IS NOT NULL
   AND right(attribution, length(' — ' || atelier_005_licence_text(licence_family, licence_label, licence_uri)))
       = ' — ' || atelier_005_licence_text(licence_family, licence_label, licence_uri);

-- Anything else is kept as the institution's attribution: it was stored verbatim because it named the licence.
-- A line written by an earlier builder cannot be told apart; re-importing the source rewrites the column exactly.
DROP FUNCTION atelier_005_licence_text(text, text, text);
