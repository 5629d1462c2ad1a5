-- An extension in another schema in the source is moved (ALTER EXTENSION
-- … SET SCHEMA), not dropped and created (which would fail, and take the
-- index with it). The index is rebuilt: its definition text names the
-- operator class by schema (ext.gin_trgm_ops), which index comparison
-- reads as a different definition. Its comment changes too: a comment.set.
-- plan: comment.set extension.alter index.create index.drop
-- current
CREATE SCHEMA ext;
CREATE EXTENSION pg_trgm;
CREATE TABLE customer (id integer PRIMARY KEY, name text);
CREATE INDEX customer_name_trgm ON customer USING gin (name gin_trgm_ops);
INSERT INTO customer VALUES (1, 'alice');
-- desired
CREATE SCHEMA ext;
CREATE EXTENSION pg_trgm SCHEMA ext;
COMMENT ON EXTENSION pg_trgm IS 'trigrams, moved';
CREATE TABLE customer (id integer PRIMARY KEY, name text);
CREATE INDEX customer_name_trgm ON customer USING gin (name ext.gin_trgm_ops);
