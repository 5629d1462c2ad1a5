-- A new generated column that reads another new column.
-- current
CREATE TABLE rect (id integer PRIMARY KEY, w integer);
INSERT INTO rect VALUES (1, 3);
-- desired
CREATE TABLE rect (id integer PRIMARY KEY, w integer, x_h integer DEFAULT 2, a_area integer GENERATED ALWAYS AS (w * x_h) STORED);
