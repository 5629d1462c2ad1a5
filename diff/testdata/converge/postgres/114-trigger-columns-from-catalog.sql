-- Which triggers a column type change must drop and recreate comes from
-- the catalog (pg_depend), not the definition's text: columns named
-- "update" and "row" are retyped under triggers whose definitions say
-- UPDATE and FOR EACH ROW but depend on neither, so they stay; the one
-- whose WHEN names "update" is recreated.
-- plan: column.alter column.alter trigger.drop trigger.create
-- current
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (id integer PRIMARY KEY, "update" integer, "row" integer, v text);
CREATE TRIGGER t_plain BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER t_of_v BEFORE UPDATE OF v ON t FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER t_when BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW."update" > 0) EXECUTE FUNCTION touch();
INSERT INTO t VALUES (1, 2, 3, 'x');
-- desired
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (id integer PRIMARY KEY, "update" bigint, "row" bigint, v text);
CREATE TRIGGER t_plain BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER t_of_v BEFORE UPDATE OF v ON t FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER t_when BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW."update" > 0) EXECUTE FUNCTION touch();
