-- A view recreated because a column under it changes type gets back its
-- own INSTEAD OF triggers, not those of a view of the same name in another
-- schema (they were taken from every source schema).
-- plan: column.alter view.drop view.create trigger.create
-- current
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE a.t (id bigint, v text);
CREATE TABLE b.t (id int, v text);
CREATE VIEW a.v AS SELECT id, v FROM a.t;
CREATE VIEW b.v AS SELECT id, v FROM b.t;
CREATE FUNCTION a.ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO a.t VALUES (NEW.id, NEW.v); RETURN NEW; END $$;
CREATE FUNCTION b.del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER v_ins INSTEAD OF INSERT ON a.v FOR EACH ROW EXECUTE FUNCTION a.ins();
CREATE TRIGGER v_del INSTEAD OF DELETE ON b.v FOR EACH ROW EXECUTE FUNCTION b.del();
INSERT INTO a.t VALUES (1, 'x');
-- desired
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE a.t (id int, v text);
CREATE TABLE b.t (id int, v text);
CREATE VIEW a.v AS SELECT id, v FROM a.t;
CREATE VIEW b.v AS SELECT id, v FROM b.t;
CREATE FUNCTION a.ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO a.t VALUES (NEW.id, NEW.v); RETURN NEW; END $$;
CREATE FUNCTION b.del() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER v_ins INSTEAD OF INSERT ON a.v FOR EACH ROW EXECUTE FUNCTION a.ins();
CREATE TRIGGER v_del INSTEAD OF DELETE ON b.v FOR EACH ROW EXECUTE FUNCTION b.del();
