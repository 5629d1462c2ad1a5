-- NOT NULL removed.
-- current
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, nick text NOT NULL);
INSERT INTO users VALUES (1, 'a@example.com', 'a');
-- desired
CREATE TABLE users (id integer PRIMARY KEY, email text, nick text NOT NULL);
