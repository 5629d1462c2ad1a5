-- A small shop, the database `make demo` builds. It exercises what dbls
-- reads from SQLite: composite keys, self-references, WITHOUT ROWID,
-- AUTOINCREMENT, generated columns, partial and expression indexes,
-- check and unique constraints, a view and a trigger.

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
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       TEXT NOT NULL COLLATE NOCASE,
    full_name   TEXT NOT NULL,
    referred_by INTEGER REFERENCES customers (id),
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
    CONSTRAINT ck_orders_status CHECK (status IN ('new', 'paid', 'shipped', 'delivered', 'cancelled'))
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

CREATE VIEW order_totals AS
SELECT o.id AS order_id, c.full_name AS customer, o.status,
       sum(i.quantity * i.unit_price) AS total, count(*) AS lines
FROM orders o
JOIN customers c ON c.id = o.customer_id
JOIN order_items i ON i.order_id = o.id
GROUP BY o.id, c.full_name, o.status;

CREATE TRIGGER trg_order_items_stock AFTER INSERT ON order_items
BEGIN
    UPDATE stock SET quantity = quantity - NEW.quantity
    WHERE product_id = NEW.product_id AND warehouse_code = 'BER';
END;

INSERT INTO categories (id, parent_id, name, slug) VALUES
    (1, NULL, 'Outdoor', 'outdoor'), (2, 1, 'Tents', 'tents'), (3, 1, 'Sleeping bags', 'sleeping-bags'),
    (4, NULL, 'Kitchen', 'kitchen'), (5, 4, 'Stoves', 'stoves');
INSERT INTO suppliers (id, name, email, country) VALUES
    (1, 'Nordwand GmbH', 'sales@nordwand.example', 'DE'), (2, 'Fjell AS', 'hei@fjell.example', 'NO');
INSERT INTO products (id, sku, name, category_id, supplier_id, price) VALUES
    (1, 'TNT-2P', 'Ridge 2-person tent', 2, 1, 249.00), (2, 'TNT-4P', 'Basecamp 4-person tent', 2, 1, 429.00),
    (3, 'BAG-20', 'Down bag −20 °C', 3, 2, 389.50), (4, 'STV-GAS', 'Gas stove', 5, 2, 59.90),
    (5, 'STV-MULTI', 'Multi-fuel stove', 5, NULL, 139.00);
INSERT INTO customers (email, full_name, referred_by) VALUES
    ('ada@example.com', 'Ada Lovelace', NULL), ('grace@example.com', 'Grace Hopper', 1),
    ('linus@example.com', 'Linus Pauling', 1), ('zoë@example.com', 'Zoë Ångström', 2);
INSERT INTO addresses (id, customer_id, line1, city, postcode, country) VALUES
    (1, 1, '12 Analytical St', 'London', 'N1 9GU', 'GB'), (2, 2, '1 Cobol Way', 'Arlington', '22201', 'US'),
    (3, 4, 'Storgatan 5', 'Uppsala', '753 20', 'SE');
INSERT INTO warehouses (code, city) VALUES ('BER', 'Berlin'), ('OSL', 'Oslo');
INSERT INTO stock (warehouse_code, product_id, quantity) VALUES
    ('BER', 1, 40), ('BER', 2, 12), ('BER', 4, 100), ('OSL', 3, 25), ('OSL', 5, 8);
INSERT INTO orders (id, customer_id, shipping_address_id, status, placed_at) VALUES
    (1, 1, 1, 'delivered', '2026-09-01 10:00:00'), (2, 2, 2, 'shipped', '2026-10-12 15:30:00'),
    (3, 1, 1, 'paid', '2026-11-02 09:12:00'), (4, 4, 3, 'new', '2026-11-20 18:45:00');
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price) VALUES
    (1, 1, 1, 1, 249.00), (1, 2, 4, 2, 59.90), (2, 1, 2, 1, 429.00),
    (3, 1, 3, 2, 389.50), (3, 2, 4, 1, 59.90), (4, 1, 5, 1, 139.00);
INSERT INTO payments (order_id, amount, method) VALUES (1, 368.80, 'card'), (2, 429.00, 'invoice'), (3, 838.90, 'paypal');
INSERT INTO shipments (order_id, carrier, tracking_no, shipped_at) VALUES
    (1, 'DHL', 'JD0001', '2026-09-02'), (2, 'UPS', '1Z999', '2026-10-13');
INSERT INTO reviews (product_id, customer_id, rating, body) VALUES
    (1, 1, 5, 'Pitches in minutes.'), (4, 1, 4, NULL), (2, 2, 3, 'Heavy, but roomy.');
