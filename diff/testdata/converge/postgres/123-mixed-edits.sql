-- Edits from a realistic migration at once, on populated tables: a
-- column widened and one retyped text → integer, a domain gains a check,
-- a foreign key becomes deferrable with another action, a partial unique
-- index changes its predicate, a check is added, a comment and a default
-- change, a function used by a default changes its body, a trigger is
-- added, a view gains a column.
-- current
CREATE DOMAIN qty AS integer CHECK (VALUE >= 0);
CREATE TABLE item (id int PRIMARY KEY, code varchar(10) NOT NULL, n text, q qty DEFAULT 0, created timestamptz DEFAULT now());
CREATE TABLE line (id int PRIMARY KEY, item_id int REFERENCES item ON DELETE CASCADE, amount numeric(8,2));
CREATE UNIQUE INDEX item_code ON item (code) WHERE q > 0;
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'A' $$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created := now(); RETURN NEW; END $$;
CREATE VIEW item_codes AS SELECT id, code FROM item;
INSERT INTO item VALUES (1, 'a', '12', 3, now()), (2, 'b', '7', 0, now());
INSERT INTO line VALUES (1, 1, 9.5);
-- desired
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'B' $$;
CREATE DOMAIN qty AS integer CHECK (VALUE >= 0) CHECK (VALUE < 1000000);
CREATE TABLE item (id int PRIMARY KEY, code varchar(40) NOT NULL DEFAULT next_code(), n integer, q qty DEFAULT 1, created timestamptz DEFAULT now(),
  CONSTRAINT item_n_positive CHECK (n > 0));
COMMENT ON COLUMN item.code IS 'the code';
CREATE TABLE line (id int PRIMARY KEY, item_id int, amount numeric(12,2),
  CONSTRAINT line_item_id_fkey FOREIGN KEY (item_id) REFERENCES item ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX item_code ON item (code) WHERE q >= 0;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created := now(); RETURN NEW; END $$;
CREATE TRIGGER item_touch BEFORE UPDATE ON item FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW item_codes AS SELECT id, code, n FROM item;
