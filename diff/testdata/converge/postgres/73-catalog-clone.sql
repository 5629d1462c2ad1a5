-- A Sakila-like schema cloned into an empty database: domains, an enum,
-- sequences owned (serial and not) and free, functions used by defaults,
-- checks, a view and triggers (one trigger function on several tables), a
-- procedure, aggregates (one used by a view), an identity column.
-- current
SELECT 1;
-- desired
CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE DOMAIN email AS text COLLATE "C" DEFAULT 'nobody@example.com' NOT NULL CHECK (VALUE LIKE '%@%');
COMMENT ON DOMAIN email IS 'An e-mail address';
CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
CREATE SEQUENCE actor_actor_id_seq;
CREATE SEQUENCE film_film_id_seq START WITH 100 INCREMENT BY 5 MINVALUE 1 MAXVALUE 1000000 CACHE 10 CYCLE;
CREATE SEQUENCE invoice_no_seq AS integer START 1000;
CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.last_update := now();
    RETURN NEW;
END $$;
CREATE FUNCTION default_language() RETURNS smallint LANGUAGE sql IMMUTABLE AS $$ SELECT 1::smallint $$;
CREATE FUNCTION valid_length(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT n BETWEEN 1 AND 1000 $$;
CREATE TABLE actor (
    actor_id integer DEFAULT nextval('actor_actor_id_seq') PRIMARY KEY,
    first_name text NOT NULL,
    last_update timestamptz NOT NULL DEFAULT now()
);
ALTER SEQUENCE actor_actor_id_seq OWNED BY actor.actor_id;
CREATE TABLE film (
    film_id integer DEFAULT nextval('film_film_id_seq') PRIMARY KEY,
    title text NOT NULL,
    release_year year,
    rating mpaa_rating DEFAULT 'G',
    language_id smallint NOT NULL DEFAULT default_language(),
    length integer CHECK (valid_length(length)),
    last_update timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE ticket_seq;
ALTER SEQUENCE ticket_seq OWNED BY film.title;
CREATE FUNCTION film_count(p_rating mpaa_rating) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT count(*) FROM film WHERE rating = p_rating
$$;
COMMENT ON FUNCTION film_count(mpaa_rating) IS 'Films of a rating';
CREATE PROCEDURE touch_actor(p_id integer) LANGUAGE plpgsql AS $$
BEGIN
    UPDATE actor SET last_update = now() WHERE actor_id = p_id;
END $$;
CREATE TABLE customer (
    customer_id serial PRIMARY KEY,
    email email,
    last_update timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE payment (
    payment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customer,
    amount numeric(5,2) NOT NULL
);
CREATE TRIGGER actor_last_updated BEFORE UPDATE ON actor FOR EACH ROW EXECUTE FUNCTION last_updated();
CREATE TRIGGER film_last_updated BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION last_updated();
CREATE TRIGGER customer_last_updated BEFORE UPDATE ON customer FOR EACH ROW EXECUTE FUNCTION last_updated();
CREATE FUNCTION _group_concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END
$$;
CREATE AGGREGATE group_concat(text) (SFUNC = _group_concat, STYPE = text);
CREATE FUNCTION avg_step(numeric[], numeric) RETURNS numeric[] LANGUAGE sql IMMUTABLE AS $$ SELECT ARRAY[$1[1] + $2, $1[2] + 1] $$;
CREATE FUNCTION avg_final(numeric[]) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1[2] = 0 THEN NULL ELSE $1[1] / $1[2] END $$;
CREATE AGGREGATE my_avg(numeric) (SFUNC = avg_step, STYPE = numeric[], FINALFUNC = avg_final, INITCOND = '{0,0}', PARALLEL = SAFE);
COMMENT ON AGGREGATE my_avg(numeric) IS 'An average';
CREATE VIEW actor_names AS SELECT group_concat(first_name) AS names FROM actor;
CREATE VIEW film_list AS SELECT film_id, title, rating, film_count(rating) AS same_rating FROM film;
