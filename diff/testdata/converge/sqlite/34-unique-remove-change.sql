-- A unique constraint is removed and another changes its columns.
-- current
CREATE TABLE slots (id INTEGER PRIMARY KEY, day TEXT, hour INT, code TEXT UNIQUE,
    CONSTRAINT slots_key UNIQUE (day));
INSERT INTO slots VALUES (1, 'mon', 9, 'a'), (2, 'tue', 9, 'b');

-- desired
CREATE TABLE slots (id INTEGER PRIMARY KEY, day TEXT, hour INT, code TEXT,
    CONSTRAINT slots_key UNIQUE (day, hour));
