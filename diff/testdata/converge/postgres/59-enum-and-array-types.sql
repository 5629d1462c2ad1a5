-- Columns of a user enum type and of array types (the enum exists on both sides).
-- current
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE diary (id integer PRIMARY KEY, scores integer[], labels varchar(5)[]);
INSERT INTO diary VALUES (1, '{1,2}', '{a,b}');
-- desired
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE diary (id integer PRIMARY KEY, scores bigint[], labels text[], feeling mood DEFAULT 'ok', moods mood[]);
