-- When rules and triggers fire (pg_rewrite.ev_enabled, pg_trigger.tgenabled)
-- is compared and set: disabled, replica and always states created with
-- their rule or trigger and changed in place, and back to enabled.
-- plan: rule.create rule.replace rule.replace trigger.create trigger.create trigger.drop trigger.create trigger.drop
-- current
CREATE TABLE doc (id int PRIMARY KEY, body text);
CREATE TABLE audit (id int, what text);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE RULE r_off AS ON DELETE TO doc DO ALSO INSERT INTO audit VALUES (old.id, 'delete');
CREATE RULE r_on AS ON UPDATE TO doc DO ALSO INSERT INTO audit VALUES (old.id, 'update');
ALTER TABLE doc DISABLE RULE r_on;
CREATE TRIGGER t_off BEFORE UPDATE ON doc FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER t_on BEFORE INSERT ON doc FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE doc DISABLE TRIGGER t_on;
INSERT INTO doc VALUES (1, 'a');
-- desired
CREATE TABLE doc (id int PRIMARY KEY, body text);
CREATE TABLE audit (id int, what text);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE RULE r_off AS ON DELETE TO doc DO ALSO INSERT INTO audit VALUES (old.id, 'delete');
CREATE RULE r_on AS ON UPDATE TO doc DO ALSO INSERT INTO audit VALUES (old.id, 'update');
CREATE RULE r_replica AS ON INSERT TO doc DO ALSO INSERT INTO audit VALUES (new.id, 'insert');
ALTER TABLE doc DISABLE RULE r_off;
ALTER TABLE doc ENABLE REPLICA RULE r_replica;
CREATE TRIGGER t_off BEFORE UPDATE ON doc FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER t_on BEFORE INSERT ON doc FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER t_always BEFORE DELETE ON doc FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE doc DISABLE TRIGGER t_off;
ALTER TABLE doc ENABLE ALWAYS TRIGGER t_always;
