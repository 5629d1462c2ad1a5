-- A nullable column becomes NOT NULL (the rows have no NULLs).
-- current
CREATE TABLE users (id integer PRIMARY KEY, email text, nick text);
INSERT INTO users VALUES (1, 'a@example.com', 'a'), (2, 'b@example.com', NULL);
-- desired
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, nick text);
