-- A function's signature changes while a view's rule uses it: PostgreSQL
-- refuses DROP FUNCTION under the rule, so it is dropped before and created
-- again after the new function exists; the view itself stays.
-- plan: routine.create routine.drop rule.drop rule.create
-- current
CREATE FUNCTION ok(i int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i > 0 $$;
CREATE TABLE docs (id int PRIMARY KEY, good boolean);
CREATE VIEW docs_v AS SELECT id FROM docs;
CREATE RULE docs_v_ins AS ON INSERT TO docs_v DO INSTEAD INSERT INTO docs VALUES (new.id, ok(new.id));
INSERT INTO docs VALUES (1, true);
-- desired
CREATE FUNCTION ok(i int, lim int DEFAULT 0) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i > lim $$;
CREATE TABLE docs (id int PRIMARY KEY, good boolean);
CREATE VIEW docs_v AS SELECT id FROM docs;
CREATE RULE docs_v_ins AS ON INSERT TO docs_v DO INSTEAD INSERT INTO docs VALUES (new.id, ok(new.id));
