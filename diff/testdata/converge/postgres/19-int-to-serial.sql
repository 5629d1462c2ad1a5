-- A plain integer becomes serial; a new bigserial column is added.
-- current
CREATE TABLE events (id integer PRIMARY KEY, name text);
INSERT INTO events VALUES (1, 'a'), (2, 'b');
-- desired
CREATE TABLE events (id serial PRIMARY KEY, name text, seq bigserial);
