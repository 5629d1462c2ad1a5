-- A column's type changes under a policy and a rule that use it:
-- PostgreSQL refuses that, so both are dropped first and created again
-- after; rows kept.
-- plan: column.alter policy.drop policy.create rule.drop rule.create
-- current
CREATE TABLE docs (id int PRIMARY KEY, level int);
CREATE TABLE audit (id int, level bigint);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY lvl ON docs USING (level > 0);
CREATE POLICY other ON docs FOR INSERT WITH CHECK (id > 0);
CREATE RULE log_delete AS ON DELETE TO docs DO ALSO INSERT INTO audit VALUES (old.id, old.level);
INSERT INTO docs VALUES (1, 5);
-- desired
CREATE TABLE docs (id int PRIMARY KEY, level bigint);
CREATE TABLE audit (id int, level bigint);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY lvl ON docs USING (level > 0);
CREATE POLICY other ON docs FOR INSERT WITH CHECK (id > 0);
CREATE RULE log_delete AS ON DELETE TO docs DO ALSO INSERT INTO audit VALUES (old.id, old.level);
