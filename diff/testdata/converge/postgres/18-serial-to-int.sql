-- serial becomes a plain integer: default and owned sequence go.
-- current
CREATE TABLE events (id serial PRIMARY KEY, name text);
INSERT INTO events (name) VALUES ('a'), ('b');
-- desired
CREATE TABLE events (id integer PRIMARY KEY, name text);
