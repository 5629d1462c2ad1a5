-- Policies and rules edited in place and replaced, rows kept: USING
-- changed and a role added (ALTER POLICY), a command changed (drop and
-- create), WITH CHECK removed (drop and create), a policy dropped, RLS
-- enabled and FORCE removed, a rule added, one changed, one dropped.
-- plan: policy.alter policy.drop policy.create policy.drop policy.create policy.drop table.row_security table.row_security rule.create rule.replace rule.drop
-- current
CREATE TABLE docs (id int PRIMARY KEY, owner text, body text);
CREATE TABLE notes (id int PRIMARY KEY, owner text);
CREATE TABLE audit (id int, what text);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON docs TO postgres USING (owner = current_user);
CREATE POLICY cmd ON docs FOR SELECT USING (true);
CREATE POLICY chk ON docs FOR UPDATE USING (true) WITH CHECK (body <> '');
CREATE POLICY gone ON docs USING (false);
CREATE POLICY owner_only ON notes USING (true);
CREATE RULE log_delete AS ON DELETE TO docs DO ALSO INSERT INTO audit VALUES (old.id, 'delete');
CREATE RULE old_rule AS ON UPDATE TO audit DO INSTEAD NOTHING;
INSERT INTO docs VALUES (1, 'a', 'x'), (2, 'b', 'y');
INSERT INTO notes VALUES (1, 'a');
INSERT INTO audit VALUES (7, 'kept');
-- desired
CREATE TABLE docs (id int PRIMARY KEY, owner text, body text);
CREATE TABLE notes (id int PRIMARY KEY, owner text);
CREATE TABLE audit (id int, what text);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON docs TO postgres, pg_monitor USING (owner = session_user);
CREATE POLICY cmd ON docs FOR ALL USING (true);
CREATE POLICY chk ON docs FOR UPDATE USING (true);
CREATE POLICY owner_only ON notes USING (true);
CREATE RULE log_delete AS ON DELETE TO docs DO ALSO INSERT INTO audit VALUES (old.id, 'deleted');
CREATE RULE log_insert AS ON INSERT TO notes DO ALSO INSERT INTO audit VALUES (new.id, 'insert');
