-- A table that only the desired database has.
-- current
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace');
-- desired
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    placed_at timestamptz NOT NULL DEFAULT now(),
    total numeric(12,2) CHECK (total >= 0),
    note varchar(200) COLLATE "C",
    CONSTRAINT orders_note_key UNIQUE (note)
);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC);
COMMENT ON TABLE orders IS 'Orders placed by customers';
COMMENT ON COLUMN orders.total IS 'Sum of the lines, tax included';
