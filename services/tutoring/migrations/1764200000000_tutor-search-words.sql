-- Up Migration

-- Typo-tolerant search in two steps, as pg_trgm's documentation suggests for text search: each query word is
-- matched by trigram distance against the (small) dictionary of words tutors use, and the corrected words are
-- looked up in a full-text index. Comparing the query with every tutor's whole text costs ~100 ms at 10,000 tutors.
ALTER TABLE tutors ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', display_name || ' ' || headline || ' ' || bio)) STORED;
CREATE INDEX tutors_search_vector_idx ON tutors USING gin (search_vector);
DROP INDEX tutors_search_trgm_idx;

CREATE TABLE search_words (word text PRIMARY KEY);
CREATE INDEX search_words_trgm_idx ON search_words USING gist (word gist_trgm_ops);

-- Words are only added: a word no tutor uses any more just widens a query a little.
CREATE FUNCTION remember_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word) SELECT unnest(tsvector_to_array(NEW.search_vector)) ON CONFLICT DO NOTHING;
  RETURN NEW;
END;
$$;
CREATE TRIGGER tutors_search_words AFTER INSERT OR UPDATE OF display_name, headline, bio ON tutors
  FOR EACH ROW EXECUTE FUNCTION remember_search_words();

INSERT INTO search_words (word) SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM tutors ON CONFLICT DO NOTHING;

-- Down Migration

DROP TRIGGER tutors_search_words ON tutors;
DROP FUNCTION remember_search_words();
DROP TABLE search_words;
CREATE INDEX tutors_search_trgm_idx ON tutors USING gin (search_text gin_trgm_ops);
DROP INDEX tutors_search_vector_idx;
ALTER TABLE tutors DROP COLUMN search_vector;
