-- Drops in the reverse order of the catalog's dependencies: the view, the
-- functions over the table before the table, the domain before the
-- function its check calls, then the types.
-- current
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE FUNCTION is_positive(i integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i > 0 $$;
CREATE DOMAIN amount AS integer CHECK (is_positive(VALUE));
CREATE TABLE customer (id integer PRIMARY KEY, m mood, spent amount);
CREATE FUNCTION big_spenders(moods mood[], over amount) RETURNS SETOF customer LANGUAGE sql STABLE AS $$
    SELECT * FROM customer WHERE m = ANY (moods) AND spent > over
$$;
CREATE FUNCTION customer_count() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM customer;
END;
CREATE VIEW stats AS SELECT customer_count() AS n, (SELECT count(*) FROM big_spenders(ARRAY['ok'::mood], 1)) AS big;
CREATE TABLE keep (id integer PRIMARY KEY);
INSERT INTO keep VALUES (1);
-- desired
CREATE TABLE keep (id integer PRIMARY KEY);
