-- A primary key is added to a table that had none.
-- current
CREATE TABLE codes (code TEXT NOT NULL, label TEXT);
INSERT INTO codes VALUES ('a', 'A'), ('b', 'B');

-- desired
CREATE TABLE codes (code TEXT NOT NULL PRIMARY KEY, label TEXT);
