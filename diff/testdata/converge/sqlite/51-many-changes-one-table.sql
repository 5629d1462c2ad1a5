-- Every kind of change to one table at once, folded into one rebuild.
-- current
CREATE TABLE product (id INT, name TEXT, price TEXT, obsolete TEXT, category TEXT,
    CONSTRAINT product_pk PRIMARY KEY (id), CHECK (length(name) > 0));
CREATE INDEX product_cat ON product (category);
CREATE INDEX product_obsolete ON product (obsolete);
CREATE TABLE category (name TEXT PRIMARY KEY NOT NULL);
INSERT INTO category VALUES ('office'), ('home');
INSERT INTO product VALUES (1, 'pen', '1.5', 'x', 'office'), (2, 'ink', '3', NULL, 'office');

-- desired
CREATE TABLE category (name TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
CREATE TABLE product (id INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE, price REAL DEFAULT 0 CHECK (price >= 0),
    category TEXT REFERENCES category (name) ON UPDATE CASCADE, sku TEXT, made TEXT DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT product_key PRIMARY KEY (id, name), CONSTRAINT product_sku UNIQUE (sku), CHECK (length(name) > 1)) STRICT;
CREATE INDEX product_cat ON product (category, price DESC) WHERE category IS NOT NULL;
