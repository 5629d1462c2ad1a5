-- A plain integer column becomes an identity column (rows keep their ids).
-- current
CREATE TABLE tickets (id integer NOT NULL PRIMARY KEY, subject text);
INSERT INTO tickets VALUES (1, 'a'), (5, 'b');
-- desired
CREATE TABLE tickets (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, subject text);
