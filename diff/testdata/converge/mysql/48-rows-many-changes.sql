-- current
CREATE TABLE customer (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(100), legacy INT);
CREATE TABLE orders (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(8,2) NOT NULL DEFAULT 0, note VARCHAR(20), KEY ix_cust (customer_id));
INSERT INTO customer (name, email, legacy) VALUES ('ann', 'ann@x', 1), ('bob', NULL, 2), ('cy', 'cy@x', 3);
INSERT INTO orders (customer_id, total, note) VALUES (1, 10.5, 'a'), (1, 20, NULL), (2, 3.25, 'c');

-- desired
CREATE TABLE customer (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(150), created DATETIME DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_email (email)) COMMENT='customers';
CREATE TABLE orders (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(12,2) NOT NULL DEFAULT 0, note VARCHAR(200) COMMENT 'free text', status ENUM('new','paid') NOT NULL DEFAULT 'new',
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE,
  CONSTRAINT ck_total CHECK (total >= 0));
CREATE VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
