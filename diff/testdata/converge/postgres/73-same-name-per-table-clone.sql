-- Sakila's shape cloned into an empty database: one trigger name on many tables, constraint names repeated
-- per table (PostgreSQL names triggers, checks and foreign keys per table). The trigger function exists on
-- both sides: routines are not synced.
-- current
CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_update := now(); RETURN NEW; END $$;
-- desired
CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_update := now(); RETURN NEW; END $$;
CREATE TABLE store (id integer PRIMARY KEY, name text NOT NULL, last_update timestamptz,
  CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE actor (id integer PRIMARY KEY, store_id integer, name text, last_update timestamptz,
  CONSTRAINT positive_id CHECK (id > 0), CONSTRAINT fk_store FOREIGN KEY (store_id) REFERENCES store (id));
CREATE TABLE film (id integer PRIMARY KEY, store_id integer, title text, last_update timestamptz,
  CONSTRAINT positive_id CHECK (id > 0), CONSTRAINT fk_store FOREIGN KEY (store_id) REFERENCES store (id) ON DELETE CASCADE);
CREATE TRIGGER last_updated BEFORE UPDATE ON store FOR EACH ROW EXECUTE FUNCTION last_updated();
CREATE TRIGGER last_updated BEFORE UPDATE ON actor FOR EACH ROW EXECUTE FUNCTION last_updated();
CREATE TRIGGER last_updated BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION last_updated();
