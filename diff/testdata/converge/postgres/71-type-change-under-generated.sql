-- Columns read by generated columns change type (PostgreSQL refuses that while the generated column exists).
-- current
CREATE TABLE boxes (id integer PRIMARY KEY, w integer, h integer,
    area integer GENERATED ALWAYS AS (w * h) STORED,
    perimeter integer GENERATED ALWAYS AS (2 * (w + h)) STORED);
CREATE INDEX boxes_area_idx ON boxes (area);
INSERT INTO boxes (id, w, h) VALUES (1, 2, 3), (2, 4, 5);
-- desired
CREATE TABLE boxes (id integer PRIMARY KEY, w bigint, h integer,
    area bigint GENERATED ALWAYS AS (w * h) STORED,
    perimeter integer);
CREATE INDEX boxes_area_idx ON boxes (area);
