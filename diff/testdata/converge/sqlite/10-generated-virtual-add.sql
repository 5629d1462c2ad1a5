-- A VIRTUAL generated column is added in place; a STORED one needs a rebuild.
-- current
CREATE TABLE boxes (id INTEGER PRIMARY KEY, w REAL, h REAL);
CREATE TABLE crates (id INTEGER PRIMARY KEY, w REAL, h REAL);
INSERT INTO boxes VALUES (1, 2, 3), (2, 4, 5);
INSERT INTO crates VALUES (1, 1, 1);

-- desired
CREATE TABLE boxes (id INTEGER PRIMARY KEY, w REAL, h REAL, area REAL GENERATED ALWAYS AS (w * h) VIRTUAL);
CREATE TABLE crates (id INTEGER PRIMARY KEY, w REAL, h REAL, area REAL AS (w * h) STORED);
