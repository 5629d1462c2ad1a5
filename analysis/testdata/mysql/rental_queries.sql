-- Valid queries over rental_source.sql, as users write them: every one runs
-- on MariaDB 10.11 and MySQL 8 (the test runs them on MariaDB).
SELECT * FROM film WHERE rating = 'PG' ORDER BY title LIMIT 10;
SELECT f.title, l.name AS language FROM film f JOIN language l ON l.language_id = f.language_id WHERE f.length > 60;
SELECT c.first_name, c.last_name, COUNT(r.rental_id) AS rentals
FROM customer c LEFT JOIN rental r ON r.customer_id = c.customer_id
WHERE c.active GROUP BY c.customer_id, c.first_name, c.last_name HAVING rentals >= 0 ORDER BY rentals DESC, c.last_name;
SELECT full_name, email FROM customer WHERE email LIKE '%@sakilacustomer.org' AND create_date < NOW() - INTERVAL 1 DAY;
SELECT internal_note FROM customer WHERE customer_id = 1;
SELECT title, MATCH (title, description) AGAINST ('drama' IN NATURAL LANGUAGE MODE) AS score FROM film WHERE MATCH (title, description) AGAINST ('drama');
SELECT JSON_EXTRACT(metadata, '$.imdb') AS imdb, JSON_UNQUOTE(JSON_EXTRACT(metadata, '$.tags[0]')) FROM film WHERE metadata IS NOT NULL;
SELECT FIND_IN_SET('Trailers', special_features) AS has_trailers, title FROM film;
SELECT ST_AsText(location), address FROM address WHERE location IS NOT NULL;
SELECT a.actor_id, a.first_name, a.last_name, film_count FROM actor_info a WHERE film_count > 0;
SELECT ID, name, `zip code`, city, country FROM customer_list WHERE SID = 1;
SELECT store, manager, total_sales FROM sales_by_store;
SELECT FID, title, category, actors FROM film_list WHERE price < 3;
SELECT emp_no, dept_no FROM current_dept_emp WHERE dept_no = 'd001';
SELECT e.first_name, e.last_name, d.dept_name, s.salary
FROM employees e
JOIN dept_emp de ON de.emp_no = e.emp_no
JOIN departments d USING (dept_no)
JOIN salaries s ON s.emp_no = e.emp_no AND s.to_date = '9999-01-01'
WHERE e.hire_date BETWEEN '1985-01-01' AND '1990-12-31' AND e.gender IN ('M', 'F');
SELECT dept_no, AVG(salary) AS avg_salary FROM salaries JOIN dept_emp USING (emp_no) GROUP BY dept_no WITH ROLLUP;
SELECT emp_no, salary, RANK() OVER (ORDER BY salary DESC) AS rnk, SUM(salary) OVER w AS running FROM salaries WINDOW w AS (PARTITION BY emp_no ORDER BY from_date);
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 5) SELECT n FROM seq;
WITH top_films AS (SELECT film_id, COUNT(*) AS n FROM inventory GROUP BY film_id)
SELECT f.title, t.n FROM top_films t JOIN film f ON f.film_id = t.film_id ORDER BY t.n DESC;
SELECT * FROM (SELECT customer_id, SUM(amount) AS total FROM payment GROUP BY customer_id) AS totals WHERE totals.total > 1;
SELECT customer_id FROM customer c WHERE EXISTS (SELECT 1 FROM rental r WHERE r.customer_id = c.customer_id AND r.return_date IS NULL);
SELECT title FROM film WHERE film_id IN (SELECT film_id FROM inventory WHERE store_id = 1) AND film_id NOT IN (SELECT film_id FROM film_category WHERE category_id = 3);
SELECT title FROM film UNION SELECT name FROM category ORDER BY title;
SELECT first_name FROM actor UNION ALL SELECT first_name FROM staff UNION SELECT first_name FROM customer;
SELECT `id`, `select`, `Mixed Case`, `semi;colon` FROM `order` WHERE `select` = 'from';
SELECT o.`select` FROM `order` AS o;
SELECT film.TITLE, film.Rental_Rate FROM film WHERE FILM_ID = 1;
SELECT @rank := @rank + 1 AS r, title FROM film, (SELECT @rank := 0) init ORDER BY title;
SELECT COUNT(*), COUNT(DISTINCT rating), GROUP_CONCAT(DISTINCT rating ORDER BY rating SEPARATOR '|') FROM film;
SELECT CASE WHEN length > 100 THEN 'long' WHEN length > 60 THEN 'medium' ELSE 'short' END AS kind, COUNT(*) FROM film GROUP BY kind;
SELECT DATE_FORMAT(payment_date, '%Y-%m') AS month, SUM(amount) FROM payment GROUP BY DATE_FORMAT(payment_date, '%Y-%m');
SELECT CAST(amount AS CHAR), CONVERT(amount, SIGNED), amount DIV 1, amount MOD 2, -amount FROM payment;
SELECT IFNULL(return_date, 'out') AS returned, COALESCE(return_date, rental_date) FROM rental;
SELECT SQL_CALC_FOUND_ROWS title FROM film LIMIT 2;
SELECT FOUND_ROWS();
SELECT * FROM film FORCE INDEX (idx_title) WHERE title > 'A';
SELECT STRAIGHT_JOIN f.title FROM film f, language l WHERE l.language_id = f.language_id;
SELECT title FROM film WHERE title REGEXP '^A' AND title NOT LIKE 'B%' LOCK IN SHARE MODE;
SELECT * FROM rental WHERE rental_id = 1 FOR UPDATE;
SELECT 1 FROM dual;
SELECT NOW(), CURRENT_USER(), DATABASE(), VERSION(), @@version, @@session.sql_mode;
SELECT inventory_in_stock(1);
SELECT * FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE();
SELECT COUNT(*) INTO @n FROM film;
SELECT x'4D7953514C', b'0101', 0x41, _utf8mb4'abc' COLLATE utf8mb4_bin, N'national';
SELECT "double quoted string", 'it''s', 'back\\slash' FROM dual;
INSERT INTO actor (first_name, last_name) VALUES ('NEW', 'ACTOR');
INSERT INTO actor SET first_name = 'SET', last_name = 'STYLE';
INSERT IGNORE INTO category (category_id, name) VALUES (1, 'Action');
INSERT INTO category (category_id, name) VALUES (6, 'Drama') ON DUPLICATE KEY UPDATE name = VALUES(name);
INSERT INTO film_category (film_id, category_id) SELECT film_id, 1 FROM film WHERE film_id NOT IN (SELECT film_id FROM film_category WHERE category_id = 1);
INSERT INTO payment_audit (payment_id, old_amount, new_amount) SELECT payment_id, amount, amount * 2 FROM payment WHERE amount > 5;
INSERT INTO language VALUES (7, 'Dutch', NOW());
INSERT INTO customer VALUES (10, 1, 'AN', 'INVISIBLE', DEFAULT, NULL, 1, 1, NOW(), NOW());
REPLACE INTO category (category_id, name) VALUES (6, 'Drama');
REPLACE INTO departments VALUES ('d004', 'Production');
UPDATE film SET rental_rate = rental_rate * 1.1 WHERE rating = 'G' ORDER BY film_id LIMIT 2;
UPDATE customer c JOIN address a ON a.address_id = c.address_id SET c.active = 0, a.phone = '' WHERE a.district = 'nowhere';
UPDATE salaries SET to_date = CURDATE() WHERE emp_no = 10003 AND to_date = '9999-01-01';
DELETE FROM payment_audit WHERE changed_at < NOW() - INTERVAL 1 YEAR;
DELETE pa FROM payment_audit pa JOIN payment p ON p.payment_id = pa.payment_id WHERE p.amount < 0;
DELETE FROM film_actor WHERE actor_id = 999 LIMIT 1;
CALL film_in_stock(1, 1, @count);
SELECT @count;
START TRANSACTION;
SAVEPOINT sp1;
ROLLBACK TO SAVEPOINT sp1;
COMMIT;
SHOW TABLES;
SHOW CREATE TABLE film;
DESCRIBE film;
EXPLAIN SELECT * FROM film WHERE film_id = 1;
SET @x = (SELECT MAX(film_id) FROM film);
PREPARE stmt FROM 'SELECT title FROM film WHERE film_id = ?';
EXECUTE stmt USING @x;
DEALLOCATE PREPARE stmt;
ANALYZE TABLE film;
LOCK TABLES film READ;
UNLOCK TABLES;
CREATE TEMPORARY TABLE tmp_ids (id INT);
INSERT INTO tmp_ids SELECT film_id FROM film;
SELECT id FROM tmp_ids;
DROP TEMPORARY TABLE tmp_ids;
