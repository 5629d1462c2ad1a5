-- Unique constraints are added: a named composite one and an inline one.
-- current
CREATE TABLE slots (id INTEGER PRIMARY KEY, day TEXT, hour INT, code TEXT);
INSERT INTO slots VALUES (1, 'mon', 9, 'a'), (2, 'mon', 10, 'b'), (3, 'tue', 9, 'c');

-- desired
CREATE TABLE slots (id INTEGER PRIMARY KEY, day TEXT, hour INT, code TEXT UNIQUE,
    CONSTRAINT slots_day_hour UNIQUE (day, hour));
