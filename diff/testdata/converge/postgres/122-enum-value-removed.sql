-- An enum loses a value and reorders the rest: PostgreSQL cannot alter
-- that in place, so the plan rebuilds the type (renamed, created anew,
-- every column converted through its text, the old one dropped). Columns
-- with defaults, an array column, an index and a view over a column are
-- handled; rows are kept (none holds the removed value).
-- plan: enum.alter column.alter column.alter column.alter enum.drop view.drop view.create
-- current
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'meh');
CREATE TABLE people (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'ok', past mood[], note text);
CREATE INDEX people_m ON people (m);
CREATE TABLE moods_log (id int PRIMARY KEY, m mood);
CREATE VIEW happy_people AS SELECT id FROM people WHERE m = 'happy';
INSERT INTO people VALUES (1, 'happy', '{sad,ok}', 'a'), (2, 'sad', NULL, 'b');
INSERT INTO moods_log VALUES (1, 'ok');
-- desired
CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');
CREATE TABLE people (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'ok', past mood[], note text);
CREATE INDEX people_m ON people (m);
CREATE TABLE moods_log (id int PRIMARY KEY, m mood);
CREATE VIEW happy_people AS SELECT id FROM people WHERE m = 'happy';
