-- Enum values added at the start, in the middle and at the end: in place
-- (ALTER TYPE … ADD VALUE), the rows that use the type are kept.
-- current
CREATE TYPE mpaa_rating AS ENUM ('PG', 'R');
CREATE TABLE film (id integer PRIMARY KEY, rating mpaa_rating);
INSERT INTO film VALUES (1, 'PG'), (2, 'R'), (3, NULL);
-- desired
CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
CREATE TABLE film (id integer PRIMARY KEY, rating mpaa_rating);
