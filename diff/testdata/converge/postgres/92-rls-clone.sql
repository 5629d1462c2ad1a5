-- Row-level security, policies and rules cloned into a database that has
-- none: the same policy name on two tables, a policy calling a function
-- the plan creates, a restrictive policy, FORCE, a rule writing to another
-- table, a rule with a WHERE, a rule of two actions.
-- plan: routine.create table.create table.create table.create table.row_security table.row_security policy.create policy.create policy.create policy.create policy.create rule.create rule.create rule.create
-- current
CREATE TABLE other (id int);
-- desired
CREATE TABLE other (id int);
CREATE FUNCTION is_owner(o text) RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT o = current_user $$;
CREATE TABLE docs (id int PRIMARY KEY, owner text, body text);
CREATE TABLE "Notes" (id int PRIMARY KEY, owner text, "Level" int);
CREATE TABLE audit (id int, what text);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Notes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Notes" FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON docs USING (is_owner(owner));
CREATE POLICY owner_only ON "Notes" FOR SELECT TO pg_monitor, postgres USING (owner = current_user);
CREATE POLICY "no negative" ON "Notes" AS RESTRICTIVE FOR INSERT WITH CHECK ("Level" >= 0);
CREATE POLICY upd ON docs FOR UPDATE TO public USING (true) WITH CHECK (body <> '');
CREATE POLICY del ON docs FOR DELETE TO pg_monitor USING (id > 0);
CREATE RULE log_delete AS ON DELETE TO docs DO ALSO INSERT INTO audit VALUES (old.id, 'delete');
CREATE RULE "skip odd" AS ON INSERT TO audit WHERE new.id % 2 = 1 DO INSTEAD NOTHING;
CREATE RULE "two actions" AS ON UPDATE TO docs DO ALSO (INSERT INTO audit VALUES (old.id, 'was'); INSERT INTO audit VALUES (new.id, 'is'));
