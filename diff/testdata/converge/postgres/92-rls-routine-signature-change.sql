-- A function's signature changes while a policy and a rule use it:
-- PostgreSQL refuses DROP FUNCTION under them, so they are dropped before
-- it and created again after the new function exists. Rows are kept.
-- plan: routine.create routine.drop policy.drop policy.create rule.drop rule.create
-- current
CREATE FUNCTION ok(i int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i > 0 $$;
CREATE TABLE docs (id int PRIMARY KEY);
CREATE TABLE audit (id int, good boolean);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY good ON docs USING (ok(id));
CREATE RULE log_delete AS ON DELETE TO docs DO ALSO INSERT INTO audit VALUES (old.id, ok(old.id));
INSERT INTO docs VALUES (1), (2);
-- desired
CREATE FUNCTION ok(i int, lim int DEFAULT 0) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i > lim $$;
CREATE TABLE docs (id int PRIMARY KEY);
CREATE TABLE audit (id int, good boolean);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY good ON docs USING (ok(id));
CREATE RULE log_delete AS ON DELETE TO docs DO ALSO INSERT INTO audit VALUES (old.id, ok(old.id));
