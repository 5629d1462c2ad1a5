-- A small shop as MariaDB users write it: unsigned keys, AUTO_INCREMENT,
-- tinyint(1) flags, enums, datetime defaults, JSON, blobs, foreign keys
-- and secondary indexes. Used by the cross-engine tests (clone into
-- PostgreSQL and SQLite, compare again, insert rows).
CREATE TABLE categories (
  id int unsigned NOT NULL AUTO_INCREMENT,
  parent_id int unsigned DEFAULT NULL,
  name varchar(80) NOT NULL,
  slug varchar(80) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_categories_slug (slug),
  CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id) ON DELETE SET NULL
) ENGINE=InnoDB;

CREATE TABLE customers (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  email varchar(255) NOT NULL,
  full_name varchar(120) NOT NULL DEFAULT '',
  is_active tinyint(1) NOT NULL DEFAULT 1,
  tier enum('free','pro','enterprise') NOT NULL DEFAULT 'free',
  birth_date date DEFAULT NULL,
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  notes text,
  PRIMARY KEY (id),
  UNIQUE KEY uq_customers_email (email),
  KEY ix_customers_created (created_at)
) ENGINE=InnoDB;

CREATE TABLE products (
  id int unsigned NOT NULL AUTO_INCREMENT,
  category_id int unsigned NOT NULL,
  sku char(12) NOT NULL,
  title varchar(200) NOT NULL,
  description mediumtext,
  price decimal(10,2) NOT NULL DEFAULT 0.00,
  weight_kg double DEFAULT NULL,
  rating float DEFAULT NULL,
  stock smallint unsigned NOT NULL DEFAULT 0,
  attributes json DEFAULT NULL,
  photo blob,
  discontinued tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_products_sku (sku),
  KEY ix_products_category_title (category_id, title),
  CONSTRAINT fk_products_category FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB;

CREATE TABLE orders (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  customer_id bigint unsigned NOT NULL,
  status enum('new','paid','shipped','cancelled') NOT NULL DEFAULT 'new',
  placed_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  shipped_on date DEFAULT NULL,
  total decimal(12,2) NOT NULL DEFAULT 0.00,
  gift tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY ix_orders_customer_placed (customer_id, placed_at),
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE order_items (
  order_id bigint unsigned NOT NULL,
  line_no tinyint unsigned NOT NULL,
  product_id int unsigned NOT NULL,
  quantity mediumint unsigned NOT NULL DEFAULT 1,
  unit_price decimal(10,2) NOT NULL,
  PRIMARY KEY (order_id, line_no),
  KEY ix_order_items_product (product_id),
  CONSTRAINT fk_order_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_order_items_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB;
