-- numeric precision widened, and integer to numeric.
-- current
CREATE TABLE prices (id integer PRIMARY KEY, amount numeric(6,2), qty integer);
INSERT INTO prices VALUES (1, 12.50, 3), (2, 0.99, 10);
-- desired
CREATE TABLE prices (id integer PRIMARY KEY, amount numeric(12,2), qty numeric(20,0));
