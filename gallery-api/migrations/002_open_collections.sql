-- Issue #4: museum API importers, IIIF, per-source sync state and richer search.

ALTER TABLE collection_works
  ADD COLUMN date_start    integer,
  ADD COLUMN date_end      integer,
  -- IIIF Image API base URL (no /full/… suffix); null when the source has none.
  ADD COLUMN iiif_service  text,
  -- The concrete image the source offers (what was downloaded when there is no IIIF service).
  ADD COLUMN image_url     text;

-- Accents are folded with translate() rather than unaccent: the extension is not loaded in the embedded
-- PGlite, and a generated column needs an immutable expression. The same table lives in
-- services/work-search.ts (ACCENTED / FOLDED); a test keeps the two equal.
CREATE FUNCTION atelier_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT translate(lower(coalesce(t, '')),
    'àáâãäåāăąçćčďèéêëēėęěìíîïīįıñńňòóôõöøōőŕřśšşťùúûüūůűųýÿžźż',
    'aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooorrssstuuuuuuuuyyzzz')
$$;

-- Title weighs most, then creator, then the rest. 'simple' keeps every word for prefix search; 'dutch' and
-- 'english' add stems so "schilderijen" finds "schilderij" and "paintings" finds "painting".
ALTER TABLE collection_works DROP COLUMN search;
ALTER TABLE collection_works ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple'::regconfig, atelier_fold(title)), 'A') ||
  setweight(to_tsvector('english'::regconfig, atelier_fold(title)), 'A') ||
  setweight(to_tsvector('dutch'::regconfig, atelier_fold(title)), 'A') ||
  setweight(to_tsvector('simple'::regconfig, atelier_fold(creator)), 'B') ||
  setweight(to_tsvector('simple'::regconfig, atelier_fold(coalesce(institution, '') || ' ' || coalesce(medium, ''))), 'C') ||
  setweight(to_tsvector('simple'::regconfig, atelier_fold(description)), 'D') ||
  setweight(to_tsvector('english'::regconfig, atelier_fold(description)), 'D') ||
  setweight(to_tsvector('dutch'::regconfig, atelier_fold(description)), 'D')
) STORED;

-- Only visible works are ever searched, so the indexes cover only those rows.
CREATE INDEX collection_works_search_idx ON collection_works USING gin (search)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;
CREATE INDEX collection_works_visible_title_idx ON collection_works (title, id)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;
CREATE INDEX collection_works_institution_idx ON collection_works (institution, title, id)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;
CREATE INDEX collection_works_family_idx ON collection_works (licence_family, title, id)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;
CREATE INDEX collection_works_dates_idx ON collection_works (date_start, date_end)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL;
CREATE INDEX collection_works_iiif_idx ON collection_works (title, id)
  WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL AND iiif_service IS NOT NULL;
CREATE INDEX collection_works_source_idx ON collection_works (source, licence_status);

-- Where each source's last harvest ended, so the next one asks only for what changed since.
CREATE TABLE collection_sources (
  source          text PRIMARY KEY,
  base_url        text,
  last_started_at timestamptz,
  last_synced_at  timestamptz,
  last_report     jsonb
);
