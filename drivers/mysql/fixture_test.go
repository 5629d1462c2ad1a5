package mysql

// shopFixture is a small rental shop with most of what the catalog can
// hold; TestSnapshotFixture asserts the snapshot reports exactly this.
const shopFixture = "CREATE TABLE category (\n" +
	"  id INT UNSIGNED NOT NULL AUTO_INCREMENT,\n" +
	"  parent_id INT UNSIGNED NULL COMMENT 'parent category',\n" +
	"  name VARCHAR(100) NOT NULL,\n" +
	"  slug VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,\n" +
	"  PRIMARY KEY (id),\n" +
	"  UNIQUE KEY uq_category_slug (slug),\n" +
	"  CONSTRAINT fk_category_parent FOREIGN KEY (parent_id) REFERENCES category (id) ON DELETE SET NULL ON UPDATE CASCADE\n" +
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='product categories, nested';\n" +
	"CREATE TABLE item (\n" +
	"  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,\n" +
	"  category_id INT UNSIGNED NOT NULL,\n" +
	"  sku CHAR(12) NOT NULL,\n" +
	"  title VARCHAR(200) NOT NULL,\n" +
	"  description TEXT NULL,\n" +
	"  daily_rate DECIMAL(10,2) NOT NULL DEFAULT 0.00 CHECK (daily_rate >= 0),\n" +
	"  deposit DECIMAL(10,2) NOT NULL DEFAULT '25.00',\n" +
	"  stock INT NOT NULL DEFAULT 1,\n" +
	"  status ENUM('active','retired') NOT NULL DEFAULT 'active',\n" +
	"  label VARCHAR(40) DEFAULT 'it''s new',\n" +
	"  note VARCHAR(40) DEFAULT NULL,\n" +
	"  literal_null VARCHAR(10) DEFAULT 'NULL',\n" +
	"  available_from DATE DEFAULT '2024-01-01',\n" +
	"  code CHAR(36) DEFAULT (uuid()),\n" +
	"  weekly_rate DECIMAL(12,2) AS (daily_rate * 7) VIRTUAL,\n" +
	"  title_lower VARCHAR(200) AS (lower(title)) STORED,\n" +
	"  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),\n" +
	"  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n" +
	"  PRIMARY KEY (id),\n" +
	"  UNIQUE KEY uq_item_sku (sku),\n" +
	"  KEY ix_item_title (title(20), stock DESC),\n" +
	"  FULLTEXT KEY ft_item_description (description),\n" +
	"  KEY ix_item_category (category_id) COMMENT 'browse by category',\n" +
	"  CONSTRAINT fk_item_category FOREIGN KEY (category_id) REFERENCES category (id) ON DELETE RESTRICT ON UPDATE CASCADE,\n" +
	"  CONSTRAINT chk_item_stock CHECK (stock >= 0)\n" +
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='rentable items';\n" +
	"CREATE TABLE customer (\n" +
	"  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n" +
	"  email VARCHAR(190) NOT NULL,\n" +
	"  name VARCHAR(100) NOT NULL COLLATE utf8mb4_bin,\n" +
	"  UNIQUE KEY uq_customer_email (email)\n" +
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n" +
	"CREATE TABLE rental (\n" +
	"  item_id BIGINT UNSIGNED NOT NULL,\n" +
	"  customer_id INT NOT NULL,\n" +
	"  starts_on DATE NOT NULL,\n" +
	"  ends_on DATE NOT NULL,\n" +
	"  PRIMARY KEY (item_id, customer_id, starts_on),\n" +
	"  KEY ix_rental_customer (customer_id),\n" +
	"  CONSTRAINT fk_rental_item FOREIGN KEY (item_id) REFERENCES item (id) ON DELETE CASCADE,\n" +
	"  CONSTRAINT fk_rental_customer FOREIGN KEY (customer_id) REFERENCES customer (id),\n" +
	"  CONSTRAINT chk_rental_period CHECK (ends_on >= starts_on)\n" +
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n" +
	"CREATE TABLE `we``ird table` (\n" +
	"  `select` INT NOT NULL,\n" +
	"  `Ünïcødé` VARCHAR(20) NOT NULL,\n" +
	"  `semi;colon\"quote` VARCHAR(20) NULL,\n" +
	"  PRIMARY KEY (`select`, `Ünïcødé`),\n" +
	"  KEY `ix;\"odd``` (`semi;colon\"quote`)\n" +
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='hostile; \"names\"';\n" +
	"CREATE VIEW active_item AS SELECT id, title, daily_rate FROM item WHERE status = 'active';\n" +
	"CREATE FUNCTION rental_price(rate DECIMAL(10,2), days INT) RETURNS DECIMAL(12,2) DETERMINISTIC\n" +
	"  COMMENT 'price of a rental' RETURN rate * days;\n" +
	"CREATE PROCEDURE restock(IN p_item BIGINT UNSIGNED, INOUT p_qty INT, OUT p_total INT)\n" +
	"BEGIN\n" +
	"  UPDATE item SET stock = stock + p_qty WHERE id = p_item;\n" +
	"  SELECT stock INTO p_total FROM item WHERE id = p_item;\n" +
	"END;\n" +
	"CREATE TRIGGER item_title_trim BEFORE INSERT ON item FOR EACH ROW SET NEW.title = TRIM(NEW.title);\n"
