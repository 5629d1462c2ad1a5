-- A Sakila-like rental database and an employees-like HR schema, written
-- for dbls's MySQL/MariaDB diagnostics tests (not copied from either
-- sample). rental_dump.sql is mariadb-dump's output after loading this
-- file into MariaDB 10.11 (see TestMySQLDumpRegenerate).
SET NAMES utf8mb4;

CREATE TABLE language (
  language_id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name CHAR(20) NOT NULL,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (language_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE actor (
  actor_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  first_name VARCHAR(45) NOT NULL,
  last_name VARCHAR(45) NOT NULL,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (actor_id),
  KEY idx_actor_last_name (last_name)
) ENGINE=InnoDB;

CREATE TABLE category (
  category_id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name VARCHAR(25) NOT NULL,
  PRIMARY KEY (category_id)
);

CREATE TABLE film (
  film_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  title VARCHAR(128) NOT NULL,
  description TEXT DEFAULT NULL,
  release_year YEAR DEFAULT NULL,
  language_id TINYINT UNSIGNED NOT NULL,
  rental_duration TINYINT UNSIGNED NOT NULL DEFAULT 3,
  rental_rate DECIMAL(4,2) NOT NULL DEFAULT 4.99,
  length SMALLINT UNSIGNED DEFAULT NULL,
  rating ENUM('G','PG','PG-13','R','NC-17') DEFAULT 'G',
  special_features SET('Trailers','Commentaries','Deleted Scenes','Behind the Scenes') DEFAULT NULL,
  metadata JSON DEFAULT NULL,
  PRIMARY KEY (film_id),
  KEY idx_title (title),
  FULLTEXT KEY ft_title_description (title, description),
  CONSTRAINT fk_film_language FOREIGN KEY (language_id) REFERENCES language (language_id) ON UPDATE CASCADE,
  CONSTRAINT chk_rate CHECK (rental_rate >= 0)
);

CREATE TABLE film_actor (
  actor_id SMALLINT UNSIGNED NOT NULL,
  film_id SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (actor_id, film_id),
  CONSTRAINT fk_film_actor_actor FOREIGN KEY (actor_id) REFERENCES actor (actor_id),
  CONSTRAINT fk_film_actor_film FOREIGN KEY (film_id) REFERENCES film (film_id)
);

CREATE TABLE film_category (
  film_id SMALLINT UNSIGNED NOT NULL,
  category_id TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (film_id, category_id),
  CONSTRAINT fk_fc_film FOREIGN KEY (film_id) REFERENCES film (film_id),
  CONSTRAINT fk_fc_category FOREIGN KEY (category_id) REFERENCES category (category_id)
);

CREATE TABLE country (
  country_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  country VARCHAR(50) NOT NULL,
  PRIMARY KEY (country_id)
);

CREATE TABLE city (
  city_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  city VARCHAR(50) NOT NULL,
  country_id SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (city_id),
  CONSTRAINT fk_city_country FOREIGN KEY (country_id) REFERENCES country (country_id)
);

CREATE TABLE address (
  address_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  address VARCHAR(50) NOT NULL,
  address2 VARCHAR(50) DEFAULT NULL,
  district VARCHAR(20) NOT NULL,
  city_id SMALLINT UNSIGNED NOT NULL,
  postal_code VARCHAR(10) DEFAULT NULL,
  phone VARCHAR(20) NOT NULL,
  location POINT DEFAULT NULL,
  PRIMARY KEY (address_id),
  CONSTRAINT fk_address_city FOREIGN KEY (city_id) REFERENCES city (city_id)
);

CREATE TABLE store (
  store_id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT,
  manager_staff_id TINYINT UNSIGNED DEFAULT NULL,
  address_id SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (store_id),
  CONSTRAINT fk_store_address FOREIGN KEY (address_id) REFERENCES address (address_id)
);

CREATE TABLE staff (
  staff_id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT,
  first_name VARCHAR(45) NOT NULL,
  last_name VARCHAR(45) NOT NULL,
  address_id SMALLINT UNSIGNED NOT NULL,
  picture BLOB DEFAULT NULL,
  email VARCHAR(50) DEFAULT NULL,
  store_id TINYINT UNSIGNED NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  username VARCHAR(16) NOT NULL,
  password VARCHAR(40) BINARY DEFAULT NULL,
  PRIMARY KEY (staff_id),
  CONSTRAINT fk_staff_store FOREIGN KEY (store_id) REFERENCES store (store_id),
  CONSTRAINT fk_staff_address FOREIGN KEY (address_id) REFERENCES address (address_id)
);

CREATE TABLE customer (
  customer_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  store_id TINYINT UNSIGNED NOT NULL,
  first_name VARCHAR(45) NOT NULL,
  last_name VARCHAR(45) NOT NULL,
  full_name VARCHAR(91) AS (CONCAT(first_name, ' ', last_name)) VIRTUAL,
  email VARCHAR(50) DEFAULT NULL,
  address_id SMALLINT UNSIGNED NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  create_date DATETIME NOT NULL,
  internal_note VARCHAR(100) INVISIBLE DEFAULT NULL,
  last_update TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (customer_id),
  KEY idx_last_name (last_name),
  CONSTRAINT fk_customer_address FOREIGN KEY (address_id) REFERENCES address (address_id),
  CONSTRAINT fk_customer_store FOREIGN KEY (store_id) REFERENCES store (store_id)
);

CREATE TABLE inventory (
  inventory_id MEDIUMINT UNSIGNED NOT NULL AUTO_INCREMENT,
  film_id SMALLINT UNSIGNED NOT NULL,
  store_id TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (inventory_id),
  KEY idx_store_id_film_id (store_id, film_id),
  CONSTRAINT fk_inventory_film FOREIGN KEY (film_id) REFERENCES film (film_id),
  CONSTRAINT fk_inventory_store FOREIGN KEY (store_id) REFERENCES store (store_id)
);

CREATE TABLE rental (
  rental_id INT NOT NULL AUTO_INCREMENT,
  rental_date DATETIME NOT NULL,
  inventory_id MEDIUMINT UNSIGNED NOT NULL,
  customer_id SMALLINT UNSIGNED NOT NULL,
  return_date DATETIME DEFAULT NULL,
  staff_id TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (rental_id),
  UNIQUE KEY (rental_date, inventory_id, customer_id),
  CONSTRAINT fk_rental_inventory FOREIGN KEY (inventory_id) REFERENCES inventory (inventory_id),
  CONSTRAINT fk_rental_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id),
  CONSTRAINT fk_rental_staff FOREIGN KEY (staff_id) REFERENCES staff (staff_id)
);

CREATE TABLE payment (
  payment_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  customer_id SMALLINT UNSIGNED NOT NULL,
  staff_id TINYINT UNSIGNED NOT NULL,
  rental_id INT DEFAULT NULL,
  amount DECIMAL(5,2) NOT NULL,
  payment_date DATETIME NOT NULL,
  PRIMARY KEY (payment_id),
  CONSTRAINT fk_payment_rental FOREIGN KEY (rental_id) REFERENCES rental (rental_id) ON DELETE SET NULL,
  CONSTRAINT fk_payment_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id)
);

CREATE TABLE payment_audit (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  payment_id SMALLINT UNSIGNED NOT NULL,
  old_amount DECIMAL(5,2),
  new_amount DECIMAL(5,2),
  changed_at DATETIME NOT NULL DEFAULT NOW()
);

-- MariaDB's own objects: a sequence and a system-versioned table.
CREATE SEQUENCE invoice_seq START WITH 1000 INCREMENT BY 1;

CREATE TABLE price_history (
  film_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY,
  rental_rate DECIMAL(4,2) NOT NULL
) WITH SYSTEM VERSIONING;

-- employees-like schema
CREATE TABLE departments (
  dept_no CHAR(4) NOT NULL PRIMARY KEY,
  dept_name VARCHAR(40) NOT NULL UNIQUE
);

CREATE TABLE employees (
  emp_no INT NOT NULL PRIMARY KEY,
  birth_date DATE NOT NULL,
  first_name VARCHAR(14) NOT NULL,
  last_name VARCHAR(16) NOT NULL,
  gender ENUM('M','F') NOT NULL,
  hire_date DATE NOT NULL
);

CREATE TABLE dept_emp (
  emp_no INT NOT NULL,
  dept_no CHAR(4) NOT NULL,
  from_date DATE NOT NULL,
  to_date DATE NOT NULL,
  PRIMARY KEY (emp_no, dept_no),
  FOREIGN KEY (emp_no) REFERENCES employees (emp_no) ON DELETE CASCADE,
  FOREIGN KEY (dept_no) REFERENCES departments (dept_no) ON DELETE CASCADE
);

CREATE TABLE salaries (
  emp_no INT NOT NULL,
  salary INT NOT NULL,
  from_date DATE NOT NULL,
  to_date DATE NOT NULL,
  PRIMARY KEY (emp_no, from_date),
  FOREIGN KEY (emp_no) REFERENCES employees (emp_no) ON DELETE CASCADE
);

CREATE TABLE `order` (
  `id` INT NOT NULL PRIMARY KEY,
  `select` VARCHAR(20),
  `Mixed Case` INT,
  `semi;colon` TEXT
);

CREATE VIEW current_dept_emp AS
  SELECT de.emp_no, de.dept_no, de.from_date, de.to_date
  FROM dept_emp de
  JOIN (SELECT emp_no, MAX(from_date) AS from_date FROM dept_emp GROUP BY emp_no) latest
    ON latest.emp_no = de.emp_no AND latest.from_date = de.from_date;

CREATE VIEW customer_list AS
SELECT cu.customer_id AS ID, CONCAT(cu.first_name, _utf8mb4' ', cu.last_name) AS name,
       a.address AS address, a.postal_code AS `zip code`, a.phone AS phone, city.city AS city,
       country.country AS country, IF(cu.active, _utf8mb4'active', _utf8mb4'') AS notes, cu.store_id AS SID
FROM customer AS cu JOIN address AS a ON cu.address_id = a.address_id JOIN city ON a.city_id = city.city_id
JOIN country ON city.country_id = country.country_id;

CREATE VIEW film_list AS
SELECT film.film_id AS FID, film.title AS title, film.description AS description, category.name AS category,
       film.rental_rate AS price, film.length AS length, film.rating AS rating,
       GROUP_CONCAT(CONCAT(actor.first_name, _utf8mb4' ', actor.last_name) ORDER BY actor.last_name SEPARATOR ', ') AS actors
FROM category LEFT JOIN film_category ON category.category_id = film_category.category_id
LEFT JOIN film ON film_category.film_id = film.film_id
JOIN film_actor ON film.film_id = film_actor.film_id
JOIN actor ON film_actor.actor_id = actor.actor_id
GROUP BY film.film_id, category.name;

CREATE VIEW sales_by_store AS
SELECT CONCAT(c.city, _utf8mb4',', cy.country) AS store, CONCAT(m.first_name, _utf8mb4' ', m.last_name) AS manager,
       SUM(p.amount) AS total_sales
FROM payment AS p
INNER JOIN rental AS r ON p.rental_id = r.rental_id
INNER JOIN inventory AS i ON r.inventory_id = i.inventory_id
INNER JOIN store AS s ON i.store_id = s.store_id
INNER JOIN address AS a ON s.address_id = a.address_id
INNER JOIN city AS c ON a.city_id = c.city_id
INNER JOIN country AS cy ON c.country_id = cy.country_id
INNER JOIN staff AS m ON s.manager_staff_id = m.staff_id
GROUP BY s.store_id
ORDER BY cy.country, c.city;

CREATE VIEW actor_info AS
SELECT a.actor_id, a.first_name, a.last_name,
       (SELECT COUNT(*) FROM film_actor fa WHERE fa.actor_id = a.actor_id) AS film_count
FROM actor a;

DELIMITER ;;
CREATE TRIGGER customer_create_date BEFORE INSERT ON customer FOR EACH ROW
BEGIN
  IF NEW.create_date IS NULL THEN
    SET NEW.create_date = NOW();
  END IF;
END;;

CREATE TRIGGER payment_after_update AFTER UPDATE ON payment FOR EACH ROW
BEGIN
  IF OLD.amount <> NEW.amount THEN
    INSERT INTO payment_audit (payment_id, old_amount, new_amount) VALUES (OLD.payment_id, OLD.amount, NEW.amount);
  END IF;
END;;

CREATE FUNCTION inventory_in_stock(p_inventory_id INT) RETURNS BOOLEAN
READS SQL DATA
BEGIN
  DECLARE v_rentals INT;
  DECLARE v_out INT;
  SELECT COUNT(*) INTO v_rentals FROM rental WHERE inventory_id = p_inventory_id;
  IF v_rentals = 0 THEN
    RETURN TRUE;
  END IF;
  SELECT COUNT(rental_id) INTO v_out FROM inventory LEFT JOIN rental USING (inventory_id)
  WHERE inventory.inventory_id = p_inventory_id AND rental.return_date IS NULL;
  RETURN v_out = 0;
END;;

CREATE PROCEDURE rewards_report(IN min_monthly_purchases TINYINT UNSIGNED, IN min_dollar_amount_purchased DECIMAL(10,2), OUT count_rewardees INT)
READS SQL DATA
COMMENT 'Provides a customizable report on best customers'
proc: BEGIN
  DECLARE last_month_start DATE;
  DECLARE last_month_end DATE;
  IF min_monthly_purchases = 0 THEN
    SELECT 'Minimum monthly purchases parameter must be > 0';
    LEAVE proc;
  END IF;
  SET last_month_start = DATE_SUB(CURRENT_DATE(), INTERVAL 1 MONTH);
  SET last_month_start = STR_TO_DATE(CONCAT(YEAR(last_month_start), '-', MONTH(last_month_start), '-01'), '%Y-%m-%d');
  SET last_month_end = LAST_DAY(last_month_start);
  CREATE TEMPORARY TABLE tmpCustomer (customer_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY);
  INSERT INTO tmpCustomer (customer_id)
  SELECT p.customer_id FROM payment AS p
  WHERE DATE(p.payment_date) BETWEEN last_month_start AND last_month_end
  GROUP BY customer_id
  HAVING SUM(p.amount) > min_dollar_amount_purchased AND COUNT(customer_id) > min_monthly_purchases;
  SELECT COUNT(*) FROM tmpCustomer INTO count_rewardees;
  SELECT c.* FROM tmpCustomer AS t INNER JOIN customer AS c ON t.customer_id = c.customer_id;
  DROP TABLE tmpCustomer;
END;;

CREATE PROCEDURE film_in_stock(IN p_film_id INT, IN p_store_id INT, OUT p_film_count INT)
READS SQL DATA
BEGIN
  DECLARE done INT DEFAULT FALSE;
  DECLARE v_id INT;
  DECLARE cur CURSOR FOR SELECT inventory_id FROM inventory WHERE film_id = p_film_id AND store_id = p_store_id;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;
  SET p_film_count = 0;
  OPEN cur;
  read_loop: LOOP
    FETCH cur INTO v_id;
    IF done THEN
      LEAVE read_loop;
    END IF;
    IF inventory_in_stock(v_id) THEN
      SET p_film_count = p_film_count + 1;
    END IF;
  END LOOP;
  CLOSE cur;
END;;
DELIMITER ;

INSERT INTO language (language_id, name) VALUES (1, 'English'), (2, 'Italian'), (3, 'Japanese'), (4, 'Mandarin'), (5, 'French'), (6, 'German');
INSERT INTO actor (actor_id, first_name, last_name) VALUES
  (1, 'PENELOPE', 'GUINESS'), (2, 'NICK', 'WAHLBERG'), (3, 'ED', 'CHASE'), (4, 'JENNIFER', 'DAVIS'),
  (5, 'JOHNNY', 'LOLLOBRIGIDA'), (6, 'BETTE', 'NICHOLSON'), (7, 'GRACE', 'MOSTEL'), (8, 'MATTHEW', 'O''JOHANSSON');
INSERT INTO category VALUES (1, 'Action'), (2, 'Animation'), (3, 'Children'), (4, 'Classics'), (5, 'Comedy');
INSERT INTO film (film_id, title, description, release_year, language_id, rental_duration, rental_rate, length, rating, special_features, metadata) VALUES
  (1, 'ACADEMY DINOSAUR', 'A Epic Drama of a Feminist And a Mad Scientist who must Battle a Teacher in The Canadian Rockies', 2006, 1, 6, 0.99, 86, 'PG', 'Deleted Scenes,Behind the Scenes', '{"imdb": "tt0001", "tags": ["drama", "epic"]}'),
  (2, 'ACE GOLDFINGER', 'A Astounding Epistle of a Database Administrator And a Explorer who must Find a Car in Ancient China', 2006, 1, 3, 4.99, 48, 'G', 'Trailers,Deleted Scenes', NULL),
  (3, 'ADAPTATION HOLES', 'It''s a "quoted" line; with a semicolon and a backslash \\ and a tab\tend', 2006, 2, 7, 2.99, 50, 'NC-17', 'Trailers', '{}'),
  (4, 'AFFAIR PREJUDICE', 'Ünïcødé — 日本語のタイトル', 2006, 3, 5, 2.99, 117, 'G', 'Commentaries,Behind the Scenes', '[1, 2, 3]'),
  (5, 'AGENT TRUMAN', NULL, NULL, 1, 3, 2.99, NULL, 'PG', NULL, NULL);
INSERT INTO film_actor VALUES (1, 1), (1, 2), (2, 3), (3, 1), (4, 4), (5, 5), (6, 1), (7, 2), (8, 3);
INSERT INTO film_category VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5);
INSERT INTO country VALUES (1, 'Afghanistan'), (2, 'Algeria'), (3, 'Côte d''Ivoire');
INSERT INTO city VALUES (1, 'A Coruña (La Coruña)', 1), (2, 'Abha', 2), (3, 'Abidjan', 3);
INSERT INTO address (address_id, address, address2, district, city_id, postal_code, phone, location) VALUES
  (1, '47 MySakila Drive', NULL, 'Alberta', 1, '', '', ST_GeomFromText('POINT(1 2)')),
  (2, '28 MySQL Boulevard', NULL, 'QLD', 2, '', '', NULL),
  (3, '23 Workhaven Lane', NULL, 'Alberta', 3, '', '14033335568', NULL);
INSERT INTO store VALUES (1, NULL, 1), (2, NULL, 2);
INSERT INTO staff (staff_id, first_name, last_name, address_id, picture, email, store_id, active, username, password) VALUES
  (1, 'Mike', 'Hillyer', 3, X'89504E470D0A1A0A', 'Mike.Hillyer@sakilastaff.com', 1, 1, 'Mike', '8cb2237d0679ca88db6464eac60da96345513964'),
  (2, 'Jon', 'Stephens', 2, NULL, 'Jon.Stephens@sakilastaff.com', 2, 1, 'Jon', NULL);
UPDATE store SET manager_staff_id = store_id;
INSERT INTO customer (customer_id, store_id, first_name, last_name, email, address_id, active, create_date, internal_note) VALUES
  (1, 1, 'MARY', 'SMITH', 'MARY.SMITH@sakilacustomer.org', 1, 1, '2006-02-14 22:04:36', 'vip'),
  (2, 1, 'PATRICIA', 'JOHNSON', 'PATRICIA.JOHNSON@sakilacustomer.org', 2, 1, '2006-02-14 22:04:36', NULL),
  (3, 2, 'LINDA', 'WILLIAMS', NULL, 3, 0, '2006-02-14 22:04:36', NULL);
INSERT INTO inventory VALUES (1, 1, 1), (2, 1, 2), (3, 2, 1), (4, 3, 2), (5, 4, 1);
INSERT INTO rental VALUES (1, '2005-05-24 22:53:30', 1, 1, '2005-05-26 22:04:30', 1), (2, '2005-05-24 22:54:33', 3, 2, NULL, 1),
  (3, '2005-05-24 23:03:39', 4, 3, '2005-06-01 22:12:39', 2);
INSERT INTO payment (customer_id, staff_id, rental_id, amount, payment_date) VALUES (1, 1, 1, 2.99, '2005-05-25 11:30:37'), (2, 1, 2, 0.99, '2005-05-28 10:35:23'), (3, 2, 3, 5.99, '2005-06-15 00:54:12');
UPDATE payment SET amount = amount + 1 WHERE payment_id = 1;
INSERT INTO price_history VALUES (1, 0.99), (2, 4.99);
UPDATE price_history SET rental_rate = 1.99 WHERE film_id = 1;
INSERT INTO departments VALUES ('d001', 'Marketing'), ('d002', 'Finance'), ('d003', 'Human Resources');
INSERT INTO employees VALUES (10001, '1953-09-02', 'Georgi', 'Facello', 'M', '1986-06-26'), (10002, '1964-06-02', 'Bezalel', 'Simmel', 'F', '1985-11-21'),
  (10003, '1959-12-03', 'Parto', 'Bamford', 'M', '1986-08-28');
INSERT INTO dept_emp VALUES (10001, 'd001', '1986-06-26', '9999-01-01'), (10002, 'd002', '1996-08-03', '9999-01-01'), (10003, 'd003', '1995-12-03', '9999-01-01');
INSERT INTO salaries VALUES (10001, 60117, '1986-06-26', '1987-06-26'), (10001, 62102, '1987-06-26', '9999-01-01'), (10002, 65828, '1996-08-03', '9999-01-01');
INSERT INTO `order` (`id`, `select`, `Mixed Case`, `semi;colon`) VALUES (1, 'from', 2, 'a;b');
