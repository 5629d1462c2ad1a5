-- A check changes its expression, another is dropped, another renamed.
-- current
CREATE TABLE stock (id INTEGER PRIMARY KEY, qty INT, price REAL,
    CONSTRAINT qty_ok CHECK (qty > -1), CONSTRAINT price_ok CHECK (price >= 0), CHECK (id > 0));
INSERT INTO stock VALUES (1, 5, 1.5), (2, 0, 0);

-- desired
CREATE TABLE stock (id INTEGER PRIMARY KEY, qty INT, price REAL,
    CONSTRAINT qty_ok CHECK (qty >= 0), CONSTRAINT price_nonnegative CHECK (price >= 0));
