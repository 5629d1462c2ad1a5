-- A column a trigger names (UPDATE OF, WHEN) changes type: PostgreSQL
-- refuses ALTER COLUMN … TYPE under the trigger, so the plan drops it
-- first and creates it again after (found by the property tests).
-- plan: column.alter trigger.drop trigger.create trigger.drop trigger.create
-- current
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (id integer PRIMARY KEY, n integer, m integer);
CREATE TRIGGER t_upd BEFORE UPDATE OF n ON t FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER t_when BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.n > 0) EXECUTE FUNCTION touch();
CREATE TRIGGER t_other BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
INSERT INTO t VALUES (1, 2, 3);

-- desired
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (id integer PRIMARY KEY, n bigint, m integer);
CREATE TRIGGER t_upd BEFORE UPDATE OF n ON t FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER t_when BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.n > 0) EXECUTE FUNCTION touch();
CREATE TRIGGER t_other BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
