-- A function's body and volatility change under a default, a check and a
-- trigger that use it: CREATE OR REPLACE keeps them, one item.
-- current
CREATE FUNCTION next_code() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION ok_code(c integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT c > 0 $$;
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
CREATE TABLE item (id integer PRIMARY KEY, code integer DEFAULT next_code() CHECK (ok_code(code)), at timestamptz);
CREATE TRIGGER item_stamp BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION stamp();
INSERT INTO item VALUES (1, 5, NULL);
-- desired
CREATE FUNCTION next_code() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION ok_code(c integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT c > 0 $$;
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := clock_timestamp(); RETURN NEW; END $$;
CREATE TABLE item (id integer PRIMARY KEY, code integer DEFAULT next_code() CHECK (ok_code(code)), at timestamptz);
CREATE TRIGGER item_stamp BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION stamp();
