-- A plain column becomes generated (its values already match the expression),
-- and a generated column is added.
-- current
CREATE TABLE lines (id integer PRIMARY KEY, price numeric(10,2), qty integer, total numeric);
CREATE INDEX lines_total_idx ON lines (total);
INSERT INTO lines VALUES (1, 2.50, 4, 10.00), (2, 1.00, 3, 3.00);
-- desired
CREATE TABLE lines (
    id integer PRIMARY KEY,
    price numeric(10,2),
    qty integer,
    total numeric GENERATED ALWAYS AS (price * qty::numeric) STORED,
    doubled integer GENERATED ALWAYS AS (qty * 2) STORED
);
CREATE INDEX lines_total_idx ON lines (total);
