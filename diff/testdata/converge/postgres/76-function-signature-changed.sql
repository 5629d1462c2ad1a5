-- Signatures change: new arguments (another overload: the old one is
-- dropped), a return type and a parameter name (dropped and created again).
-- current
CREATE FUNCTION area(w integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT w * w $$;
CREATE FUNCTION ratio() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
CREATE PROCEDURE log_it(msg text) LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE '%', msg; END $$;
CREATE TABLE shape (id integer PRIMARY KEY);
-- desired
CREATE FUNCTION area(w integer, h integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT w * h $$;
CREATE FUNCTION ratio() RETURNS numeric LANGUAGE sql AS $$ SELECT 1.5 $$;
CREATE PROCEDURE log_it(message text) LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE '%', message; END $$;
CREATE TABLE shape (id integer PRIMARY KEY);
