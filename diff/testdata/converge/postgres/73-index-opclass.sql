-- An index's operator class is part of it: a trigram GIN index and a
-- text_pattern_ops index are created with their classes, and a changed
-- class is one drop and one create.
-- plan: index.drop index.create index.create
-- current
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE people (id int PRIMARY KEY, name text);
CREATE INDEX people_name_idx ON people (name);
INSERT INTO people VALUES (1, 'Ada'), (2, 'Grace');
-- desired
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE people (id int PRIMARY KEY, name text);
CREATE INDEX people_name_idx ON people (name text_pattern_ops);
CREATE INDEX people_name_trgm_idx ON people USING gin (name gin_trgm_ops);
