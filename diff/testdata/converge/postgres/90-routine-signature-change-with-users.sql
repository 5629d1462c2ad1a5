-- A function's signature changes (a parameter with a default is added)
-- while a view, a column default, a check, an expression index and a
-- trigger use it: PostgreSQL refuses DROP FUNCTION under them, so they are
-- dropped before it and created again, as the source has them, after the
-- new function exists. Rows are kept.
-- plan: check.add check.drop column.alter column.alter index.create index.drop routine.create routine.drop trigger.create trigger.drop view.create view.drop
-- current
CREATE FUNCTION price_with_tax(p numeric, rate numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT p * (1 + rate) $$;
CREATE TABLE items (id int PRIMARY KEY, price numeric, gross numeric DEFAULT price_with_tax(10, 0.2),
	CONSTRAINT items_price_check CHECK (price_with_tax(price, 0.2) >= 0));
CREATE VIEW item_gross AS SELECT id, price_with_tax(price, 0.2) AS g FROM items;
CREATE INDEX items_g ON items (price_with_tax(price, 0.2));
CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER items_gross BEFORE INSERT ON items FOR EACH ROW WHEN (price_with_tax(NEW.price, 0.2) > 100) EXECUTE FUNCTION noop();
INSERT INTO items VALUES (1, 5), (2, 7);
-- desired
CREATE FUNCTION price_with_tax(p numeric, rate numeric, extra numeric DEFAULT 0) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT p * (1 + rate) + extra $$;
CREATE TABLE items (id int PRIMARY KEY, price numeric, gross numeric DEFAULT price_with_tax(10, 0.2),
	CONSTRAINT items_price_check CHECK (price_with_tax(price, 0.2) >= 0));
CREATE VIEW item_gross AS SELECT id, price_with_tax(price, 0.2) AS g FROM items;
CREATE INDEX items_g ON items (price_with_tax(price, 0.2));
CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER items_gross BEFORE INSERT ON items FOR EACH ROW WHEN (price_with_tax(NEW.price, 0.2) > 100) EXECUTE FUNCTION noop();
