-- NULLS NOT DISTINCT is part of a unique index and of a unique constraint.
-- plan: index.drop index.create unique.drop unique.add
-- current
CREATE TABLE codes (id int PRIMARY KEY, a text, b text, CONSTRAINT codes_b_key UNIQUE (b));
CREATE UNIQUE INDEX codes_a_idx ON codes (a);
INSERT INTO codes VALUES (1, NULL, NULL), (2, 'x', 'y');
-- desired
CREATE TABLE codes (id int PRIMARY KEY, a text, b text, CONSTRAINT codes_b_key UNIQUE NULLS NOT DISTINCT (b));
CREATE UNIQUE INDEX codes_a_idx ON codes (a) NULLS NOT DISTINCT;
