-- A function's return type changes (CREATE OR REPLACE cannot do it, so it
-- is dropped and created again) while a view and a default of a column whose
-- default also changes use it: the view comes back over the new function,
-- the column gets its new default.
-- current
CREATE FUNCTION label(n int) RETURNS varchar(20) LANGUAGE sql IMMUTABLE AS $$ SELECT 'n' || n $$;
CREATE TABLE tags (id int PRIMARY KEY, name text DEFAULT label(1));
CREATE VIEW tag_labels AS SELECT id, label(id) AS l FROM tags;
INSERT INTO tags VALUES (1, 'a');
-- desired
CREATE FUNCTION label(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'n' || n $$;
CREATE TABLE tags (id int PRIMARY KEY, name text DEFAULT label(2));
CREATE VIEW tag_labels AS SELECT id, label(id) AS l FROM tags;
