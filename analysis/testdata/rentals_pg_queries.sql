-- Queries a user of the rental store writes; every one is valid against
-- rentals_pg_schema.sql (the test runs each on a real server).

SELECT f.title, c.name AS category, f.rental_rate
FROM film f
JOIN film_category fc ON fc.film_id = f.film_id
JOIN category c ON c.category_id = fc.category_id
WHERE f.rating IN ('PG', 'G') AND f.length BETWEEN 40 AND 120
ORDER BY f.title;

SELECT a.first_name, a.last_name, count(*) AS films
FROM actor a JOIN film_actor USING (actor_id)
GROUP BY a.actor_id, a.first_name, a.last_name
HAVING count(*) > 0
ORDER BY films DESC, last_name;

SELECT actor_id, film_id, title FROM film_actor JOIN film USING (film_id) WHERE actor_id = 1;

SELECT * FROM film NATURAL JOIN language WHERE rental_rate > 1;

SELECT cu.first_name, cu.last_name, full_name(cu), cu.full_name, cu.email
FROM customer cu WHERE cu.activebool AND cu.xmin IS NOT NULL;

SELECT c.customer_id, r.rental_id, r.rental_date
FROM customer c
CROSS JOIN LATERAL (
    SELECT rental_id, rental_date FROM rental
    WHERE rental.customer_id = c.customer_id
    ORDER BY rental_date DESC LIMIT 2
) r;

SELECT f.title, s.n
FROM film f, LATERAL (SELECT count(*) AS n FROM inventory i WHERE i.film_id = f.film_id) s
WHERE s.n > 0;

WITH RECURSIVE tree AS (
    SELECT category_id, name, parent_id, 1 AS depth, ARRAY[name] AS path FROM category WHERE parent_id IS NULL
    UNION ALL
    SELECT c.category_id, c.name, c.parent_id, t.depth + 1, t.path || c.name
    FROM category c JOIN tree t ON c.parent_id = t.category_id
)
SELECT depth, array_to_string(path, ' > ') AS breadcrumb FROM tree ORDER BY path;

WITH sales AS (
    SELECT p.customer_id, sum(p.amount) AS total, count(*) AS payments
    FROM payment p
    WHERE p.payment_date >= now() - interval '10 years'
    GROUP BY p.customer_id
), ranked AS (
    SELECT s.*, rank() OVER (ORDER BY total DESC) AS rnk FROM sales s
)
SELECT c.first_name, c.last_name, r.total, r.payments, r.rnk
FROM ranked r JOIN customer c ON c.customer_id = r.customer_id
WHERE r.rnk <= 10;

WITH t(film, actors) AS (
    SELECT film_id, count(actor_id) FROM film_actor GROUP BY film_id
)
SELECT film, actors FROM t WHERE actors > 1;

SELECT DISTINCT ON (i.store_id) i.store_id, f.title, f.rental_rate
FROM inventory i JOIN film f ON f.film_id = i.film_id
ORDER BY i.store_id, f.rental_rate DESC;

SELECT store_id, rating, count(*) FROM inventory JOIN film USING (film_id)
GROUP BY GROUPING SETS ((store_id), (rating), ());

SELECT c.name, count(*) FILTER (WHERE f.rating = 'R') AS r_rated,
       round(avg(f.length), 1) AS avg_length,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY f.length) AS median_length
FROM category c
LEFT JOIN film_category fc ON fc.category_id = c.category_id
LEFT JOIN film f ON f.film_id = fc.film_id
GROUP BY c.name;

SELECT title, length, avg(length) OVER w AS avg_len, row_number() OVER (PARTITION BY rating ORDER BY length) AS rn
FROM film
WINDOW w AS (PARTITION BY rating);

SELECT f.title FROM film f
WHERE EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id AND i.store_id = 1)
  AND f.film_id NOT IN (SELECT film_id FROM film_category WHERE category_id = 3)
  AND f.rental_rate > ALL (SELECT 0.5)
  AND f.special_features @> ARRAY['Trailers'];

SELECT title FROM film WHERE fulltext @@ to_tsquery('english', 'epic & drama');

SELECT u.feature, count(*)
FROM film, unnest(special_features) WITH ORDINALITY AS u(feature, pos)
GROUP BY u.feature ORDER BY 2 DESC;

SELECT g.d::date AS day, count(r.rental_id) AS rentals
FROM generate_series('2022-05-01'::date, '2022-05-31'::date, interval '1 day') AS g(d)
LEFT JOIN rental r ON r.rental_date::date = g.d::date
GROUP BY g.d ORDER BY g.d;

SELECT v.code, v.label FROM (VALUES (1, 'one'), (2, 'two')) AS v(code, label);

SELECT column1, column2 FROM (VALUES (1, 'a')) AS v;

SELECT first_name FROM actor UNION SELECT first_name FROM store.staff ORDER BY first_name;

SELECT first_name, last_name FROM customer
EXCEPT
SELECT first_name, last_name FROM actor;

SELECT s.store_id, st.first_name AS manager, ci.city
FROM store.store s
JOIN store.staff st ON st.staff_id = s.manager_staff_id
JOIN address a ON a.address_id = s.address_id
JOIN city ci ON ci.city_id = a.city_id;

SELECT id, name, "zip code", notes FROM customer_list WHERE sid = 1;

SELECT fid, title, category, price FROM film_list WHERE category = 'Action';

SELECT category, total_sales FROM rental_by_category ORDER BY total_sales DESC NULLS LAST;

SELECT "Id", "TableName", "Payload" ->> 'op' AS op, at FROM "AuditLog" WHERE "Payload" ? 'op';

SELECT c.preferences -> 'newsletter', c.preferences #>> '{lang}' FROM customer c;

SELECT extract(year FROM rental_date) AS y, date_trunc('month', rental_date) AS m, count(*)
FROM rental GROUP BY 1, 2 ORDER BY y, m;

SELECT r.rental_id,
       CASE WHEN r.return_date IS NULL THEN 'out'
            WHEN r.return_date - r.rental_date > interval '3 days' THEN 'late'
            ELSE 'ok' END AS state,
       coalesce(r.return_date, now()) AS until,
       (SELECT f.title FROM inventory i JOIN film f USING (film_id) WHERE i.inventory_id = r.inventory_id) AS title
FROM rental r;

SELECT inventory_held_by_customer(inventory_id) FROM inventory WHERE film_id IN (SELECT * FROM film_in_stock(1, 1));

SELECT * FROM film_in_stock(1, 1) AS s(inv) WHERE inv > 0;

SELECT p.* FROM payment p WHERE p.payment_date < '2023-01-01' AND p.tableoid::regclass::text = 'payment_2022';

SELECT relname FROM pg_catalog.pg_class WHERE relkind = 'r' LIMIT 1;

SELECT table_name FROM information_schema.tables WHERE table_schema = 'public';

SELECT pg_size_pretty(pg_total_relation_size('film'));

SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'store';

SELECT f.title, l.name AS language, ol.name AS original
FROM film f
JOIN language l ON l.language_id = f.language_id
LEFT JOIN language ol ON ol.language_id = f.original_language_id;

SELECT film.title, film.rating::text FROM public.film WHERE film.release_year > 2000;

SELECT x.title FROM (SELECT title, rating FROM film) x WHERE x.rating = 'G';

SELECT t.n FROM (SELECT count(*) FROM film) t(n);

SELECT sub.count FROM (SELECT count(*) FROM film) sub;

SELECT sub.title, sub.upper FROM (SELECT title, upper(title) FROM film) sub;

SELECT json_agg(json_build_object('id', a.actor_id, 'name', a.first_name)) FROM actor a;

SELECT a.actor_id, array_agg(fa.film_id ORDER BY fa.film_id) AS films FROM actor a JOIN film_actor fa ON fa.actor_id = a.actor_id GROUP BY a.actor_id;

INSERT INTO actor (first_name, last_name) VALUES ('Jennifer', 'Davis') RETURNING actor_id, last_update;

INSERT INTO actor VALUES (DEFAULT, 'Johnny', 'Lollobrigida');

INSERT INTO actor (first_name, last_name)
SELECT first_name, last_name FROM store.staff s WHERE NOT EXISTS (
    SELECT 1 FROM actor a WHERE a.first_name = s.first_name AND a.last_name = s.last_name);

INSERT INTO film_category (film_id, category_id) VALUES (1, 2)
ON CONFLICT (film_id, category_id) DO UPDATE SET last_update = excluded.last_update
WHERE film_category.category_id = excluded.category_id;

INSERT INTO category AS cat (name) VALUES ('Horror')
ON CONFLICT (name) DO UPDATE SET name = cat.name || '!' RETURNING cat.category_id;

INSERT INTO category (name) VALUES ('Drama') ON CONFLICT DO NOTHING;

INSERT INTO "AuditLog" ("TableName", "Payload") SELECT 'film', to_jsonb(f) FROM film f WHERE f.film_id = 1;

UPDATE film SET rental_rate = rental_rate * 1.1, last_update = DEFAULT WHERE rating = 'PG-13';

UPDATE film f SET (rental_duration, rental_rate) = (SELECT 4, 2.99) WHERE f.film_id = 2;

UPDATE customer c SET active = 0
FROM rental r
WHERE r.customer_id = c.customer_id AND r.return_date IS NULL AND c.store_id = 2
RETURNING c.customer_id, r.rental_id;

UPDATE inventory SET store_id = s.store_id FROM store.store s WHERE s.manager_staff_id = 2 AND inventory.inventory_id = 4;

DELETE FROM film_actor fa USING actor a
WHERE fa.actor_id = a.actor_id AND a.last_name = 'Nobody'
RETURNING fa.film_id;

DELETE FROM payment WHERE payment_date < '2000-01-01' RETURNING *;

WITH moved AS (
    DELETE FROM rental WHERE return_date < '2000-01-01' RETURNING rental_id, customer_id
)
SELECT customer_id, count(*) FROM moved GROUP BY customer_id;

WITH new_actor AS (
    INSERT INTO actor (first_name, last_name) VALUES ('Grace', 'Mostel') RETURNING actor_id
)
INSERT INTO film_actor (actor_id, film_id) SELECT actor_id, 1 FROM new_actor;

SELECT rental_id FROM rental FOR UPDATE SKIP LOCKED;

SELECT r.rental_id FROM rental r JOIN customer c ON c.customer_id = r.customer_id FOR UPDATE OF r;

TABLE actor;

VALUES (1, 2), (3, 4);

SELECT count(*) FROM film TABLESAMPLE SYSTEM (50);

SELECT f.title, f."Box Art" IS NULL AS no_art FROM film AS f;

SELECT c.name, (SELECT count(*) FROM film_category fc WHERE fc.category_id = c.category_id) FROM category c ORDER BY c.name COLLATE "C";

SELECT title, rating FROM film ORDER BY rating USING >;

SELECT a.last_name, count(*) FROM actor a GROUP BY ROLLUP (a.last_name);

SELECT xt.v FROM XMLTABLE('/r/v' PASSING xmlparse(document '<r><v>1</v></r>') COLUMNS v int PATH '.') AS xt;

SELECT title FROM film WHERE title ILIKE 'a%' AND title ~ '^A' AND title SIMILAR TO 'A%';

SELECT cast(rental_rate AS text), rental_rate::int, length * 60 AS seconds FROM film;

SELECT overlay(title placing 'X' from 1 for 1), position('a' in title), substring(title from 2 for 3), trim(both ' ' from title) FROM film;

SELECT current_date, current_timestamp, localtime, current_user, session_user, current_schema;

SELECT now() AT TIME ZONE 'UTC', rental_date AT TIME ZONE 'Europe/Paris' FROM rental;

SELECT i.inventory_id FROM inventory i WHERE (i.film_id, i.store_id) IN (SELECT film_id, 1 FROM film);

SELECT a.first_name AS "First", a.last_name "Last" FROM actor a ORDER BY "First";

SELECT first_name || ' ' || last_name AS whole_name FROM actor ORDER BY whole_name;

SELECT store_id AS s, count(*) AS n FROM inventory GROUP BY s HAVING count(*) > 1;

WITH RECURSIVE tree AS (
    SELECT category_id, parent_id FROM category
    UNION ALL
    SELECT c.category_id, c.parent_id FROM category c JOIN tree t ON t.category_id = c.parent_id
) CYCLE category_id SET is_cycle USING path
SELECT category_id, is_cycle, path FROM tree WHERE NOT is_cycle;

WITH RECURSIVE n(i) AS (VALUES (1) UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT i FROM n;

WITH film AS (SELECT film_id, title FROM film WHERE rating = 'G') SELECT title FROM film;

SELECT r.a, r.b FROM customer c, jsonb_to_record(c.preferences) AS r(a int, b text);

SELECT e.value FROM customer c, jsonb_each_text(c.preferences) e WHERE e.key = 'lang';

SELECT c.customer_id FROM customer c WHERE c.preferences @? '$.lang' AND jsonb_typeof(c.preferences) = 'object';

SELECT (a.ad).address_id, a.ad FROM (SELECT ad FROM address ad) a;

SELECT a.address, a FROM address a WHERE a IS NOT NULL;

SELECT f.title, row_to_json(f) FROM film f LIMIT 1;

SELECT COUNT(*) AS "N", MAX(f.length) FROM film f GROUP BY f.rating HAVING MAX(f.length) > 10 ORDER BY "N";

SELECT f.title FROM film f WHERE f.rating = ANY (ARRAY['G', 'PG']::mpaa_rating[]) AND f.length IS DISTINCT FROM 0;

INSERT INTO country (country) SELECT v.name FROM (VALUES ('Peru'), ('Chile')) v(name) RETURNING country_id, country;

UPDATE customer SET preferences = preferences || jsonb_build_object('seen', now()) WHERE customer_id IN (SELECT customer_id FROM rental WHERE return_date IS NULL);

SELECT staff.first_name, store.store_id FROM store.staff JOIN store.store ON store.store_id = staff.store_id;

SELECT * FROM ONLY payment_2022 p WHERE p.amount > 0;

SELECT last_value, is_called FROM actor_actor_id_seq;

SELECT s.last_value FROM public.actor_actor_id_seq s;

SELECT * FROM (film f JOIN language l USING (language_id)) AS j WHERE j.title <> '';

SELECT title FROM film f JOIN language USING (language_id) AS lj WHERE lj.language_id = 1;

SELECT x FROM unnest(ARRAY[1, 2]) x;

SELECT generate_series FROM generate_series(1, 3);

SELECT count(*) FROM film f WHERE f IS NOT NULL;

SELECT f.*, l.* FROM film f, language l LIMIT 1;

SELECT rating, count(*) FROM film GROUP BY 1 ORDER BY count(*) DESC;

SELECT (SELECT max(length) FROM film) AS m, m2.x FROM (SELECT 1 AS x) m2;

WITH x AS MATERIALIZED (SELECT 1 AS a) SELECT a FROM x;

SELECT t.title FROM (TABLE film) t;

SELECT * FROM (VALUES (1), (2)) AS v(a) WHERE a > 1;

SELECT lower(title) AS t FROM film GROUP BY t ORDER BY t;

SELECT f.title, x.max FROM film f CROSS JOIN (SELECT max(length) FROM film) x;

SELECT s.coalesce, s.case, s."?column?", s.int4, s.title, s.now, s.exists, s.array, s.row, s.greatest, s.nullif
FROM (SELECT coalesce(description, ''), CASE WHEN true THEN 1 END, 1 + 1, (length + 1)::int, title::text, now(),
             EXISTS (SELECT 1), ARRAY[1, 2], ROW(1, 2), greatest(1, 2), nullif(1, 2) FROM film) s;

SELECT f.title FROM (film f JOIN film_actor fa ON fa.film_id = f.film_id) JOIN actor a ON a.actor_id = fa.actor_id;

SELECT a.first_name, x.film_id FROM actor a LEFT JOIN LATERAL (SELECT fa.film_id FROM film_actor fa WHERE fa.actor_id = a.actor_id LIMIT 1) x ON true;

SELECT * FROM actor a WHERE a.actor_id IN (SELECT actor_id FROM film_actor WHERE film_id = a.actor_id);

WITH c AS (SELECT 1 AS id) UPDATE actor SET first_name = 'x' FROM c WHERE actor.actor_id = c.id;

DELETE FROM actor WHERE actor_id IN (WITH z AS (SELECT 100 AS i) SELECT i FROM z);

SELECT 1 FROM film f WHERE f.film_id = (SELECT film_id FROM film WHERE film_id = f.film_id LIMIT 1);

SELECT title, CASE rating WHEN 'G' THEN 'all' ELSE 'some' END FROM film WHERE length > (SELECT avg(length) FROM film);

SELECT p.customer_id, sum(p.amount) OVER (PARTITION BY p.customer_id ORDER BY p.payment_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM payment p;

SELECT c.city, co.country FROM city c JOIN country co USING (country_id) WHERE country_id = 1 AND c.country_id = co.country_id;

INSERT INTO film_category (film_id, category_id) VALUES (1, 1) ON CONFLICT (film_id, category_id) WHERE film_id > 0 DO NOTHING;

SELECT last_name AS ln, count(*) FROM actor GROUP BY ROLLUP (ln) ORDER BY ln NULLS FIRST;

SELECT rating AS r, length AS len, count(*) FROM film GROUP BY GROUPING SETS ((r), (r, len)) ORDER BY r, len;
