-- Widening: varchar(10) to text, varchar(10) to varchar(50).
-- current
CREATE TABLE notes (id integer PRIMARY KEY, title varchar(10), body varchar(10));
INSERT INTO notes VALUES (1, 'short', 'tiny'), (2, 'ten chars!', NULL);
-- desired
CREATE TABLE notes (id integer PRIMARY KEY, title text, body varchar(50));
