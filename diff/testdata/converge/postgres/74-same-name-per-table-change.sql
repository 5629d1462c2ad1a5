-- Same-named triggers and constraints on several tables, changed on some tables only: a trigger's events on
-- one table, a check on another, a foreign key's action on a third; a trigger of that name added to one table
-- and dropped from another.
-- current
CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_update := now(); RETURN NEW; END $$;
CREATE TABLE store (id integer PRIMARY KEY, last_update timestamptz, CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE actor (id integer PRIMARY KEY, store_id integer, last_update timestamptz,
  CONSTRAINT positive_id CHECK (id > 0), CONSTRAINT fk_store FOREIGN KEY (store_id) REFERENCES store (id));
CREATE TABLE film (id integer PRIMARY KEY, store_id integer, last_update timestamptz,
  CONSTRAINT positive_id CHECK (id > 0), CONSTRAINT fk_store FOREIGN KEY (store_id) REFERENCES store (id));
CREATE TABLE staff (id integer PRIMARY KEY, last_update timestamptz);
CREATE TRIGGER last_updated BEFORE UPDATE ON store FOR EACH ROW EXECUTE FUNCTION last_updated();
CREATE TRIGGER last_updated BEFORE UPDATE ON actor FOR EACH ROW EXECUTE FUNCTION last_updated();
CREATE TRIGGER last_updated BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION last_updated();
INSERT INTO store VALUES (1, NULL);
INSERT INTO actor VALUES (1, 1, NULL);
INSERT INTO film VALUES (1, 1, NULL);
-- desired
CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_update := now(); RETURN NEW; END $$;
CREATE TABLE store (id integer PRIMARY KEY, last_update timestamptz, CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE actor (id integer PRIMARY KEY, store_id integer, last_update timestamptz,
  CONSTRAINT positive_id CHECK (id >= 1 AND id < 1000000), CONSTRAINT fk_store FOREIGN KEY (store_id) REFERENCES store (id));
CREATE TABLE film (id integer PRIMARY KEY, store_id integer, last_update timestamptz,
  CONSTRAINT positive_id CHECK (id > 0), CONSTRAINT fk_store FOREIGN KEY (store_id) REFERENCES store (id) ON DELETE CASCADE);
CREATE TABLE staff (id integer PRIMARY KEY, last_update timestamptz);
CREATE TRIGGER last_updated BEFORE UPDATE ON store FOR EACH ROW EXECUTE FUNCTION last_updated();
CREATE TRIGGER last_updated BEFORE INSERT OR UPDATE ON actor FOR EACH ROW EXECUTE FUNCTION last_updated();
CREATE TRIGGER last_updated BEFORE UPDATE ON staff FOR EACH ROW EXECUTE FUNCTION last_updated();
