-- Version 2 of the shop's schema, kept as code. `make demo` syncs the v1
-- database (examples/shop.sql) to it: new columns, a new table, a widened
-- check (which SQLite can only change by rebuilding the table, rows kept),
-- new indexes and a new view.

CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    name      TEXT NOT NULL,
    slug      TEXT NOT NULL CONSTRAINT uq_categories_slug UNIQUE
);

CREATE TABLE suppliers (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    email   TEXT,
    country TEXT NOT NULL DEFAULT 'DE' CHECK (length(country) = 2)
);

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    category_id INTEGER NOT NULL REFERENCES categories (id),
    supplier_id INTEGER REFERENCES suppliers (id) ON DELETE SET NULL,
    price       NUMERIC(10,2) NOT NULL CONSTRAINT ck_products_price CHECK (price >= 0),
    name_search TEXT GENERATED ALWAYS AS (lower(name)) VIRTUAL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    discontinued INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       TEXT NOT NULL COLLATE NOCASE,
    full_name   TEXT NOT NULL,
    referred_by INTEGER REFERENCES customers (id),
    phone       TEXT,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_customers_email UNIQUE (email)
);

CREATE TABLE addresses (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    line1       TEXT NOT NULL,
    city        TEXT NOT NULL,
    postcode    TEXT,
    country     TEXT NOT NULL CHECK (length(country) = 2)
);

CREATE TABLE orders (
    id                  INTEGER PRIMARY KEY,
    customer_id         INTEGER NOT NULL,
    shipping_address_id INTEGER,
    status              TEXT NOT NULL DEFAULT 'new',
    placed_at           TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT fk_orders_address FOREIGN KEY (shipping_address_id) REFERENCES addresses (id)
        ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT ck_orders_status CHECK (status IN ('new', 'paid', 'shipped', 'delivered', 'cancelled', 'returned'))
);

CREATE TABLE order_items (
    order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no    INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    unit_price NUMERIC(10,2) NOT NULL,
    line_total NUMERIC(10,2) GENERATED ALWAYS AS (quantity * unit_price) STORED,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE payments (
    id       INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    amount   NUMERIC(10,2) NOT NULL CHECK (amount > 0),
    method   TEXT NOT NULL CHECK (method IN ('card', 'invoice', 'paypal')),
    paid_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE shipments (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    carrier     TEXT NOT NULL,
    tracking_no TEXT,
    shipped_at  TEXT,
    UNIQUE (carrier, tracking_no)
);

CREATE TABLE warehouses (
    code TEXT PRIMARY KEY,
    city TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE stock (
    warehouse_code TEXT NOT NULL REFERENCES warehouses (code),
    product_id     INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    quantity       INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    PRIMARY KEY (warehouse_code, product_id)
) WITHOUT ROWID;

CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    product_id  INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body        TEXT,
    UNIQUE (product_id, customer_id)
);

CREATE INDEX ix_orders_customer_placed ON orders (customer_id, placed_at DESC);
CREATE INDEX ix_orders_open ON orders (status) WHERE status NOT IN ('delivered', 'cancelled');
CREATE INDEX ix_customers_name ON customers (lower(full_name));
CREATE INDEX ix_products_category ON products (category_id, price);
CREATE INDEX ix_customers_created ON customers (created_at);

CREATE TABLE coupons (
    code        TEXT PRIMARY KEY,
    customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,
    percent_off INTEGER NOT NULL CHECK (percent_off BETWEEN 1 AND 90),
    valid_until TEXT
) WITHOUT ROWID;

CREATE VIEW order_totals AS
SELECT o.id AS order_id, c.full_name AS customer, o.status,
       sum(i.quantity * i.unit_price) AS total, count(*) AS lines
FROM orders o
JOIN customers c ON c.id = o.customer_id
JOIN order_items i ON i.order_id = o.id
GROUP BY o.id, c.full_name, o.status;

CREATE VIEW open_orders AS
SELECT id, customer_id, status, placed_at FROM orders
WHERE status NOT IN ('delivered', 'cancelled', 'returned');

CREATE TRIGGER trg_order_items_stock AFTER INSERT ON order_items
BEGIN
    UPDATE stock SET quantity = quantity - NEW.quantity
    WHERE product_id = NEW.product_id AND warehouse_code = 'BER';
END;
