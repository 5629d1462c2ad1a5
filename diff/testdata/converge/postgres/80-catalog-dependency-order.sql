-- Order from the catalog's dependencies (pg_depend): a domain whose check
-- calls a function comes after it; a function over a domain and an enum
-- array after them; a function that returns a table's rows, and one whose
-- SQL-standard body reads a table, after the table; a view over them after
-- them.
-- current
SELECT 1;
-- desired
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
