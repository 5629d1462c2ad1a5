-- A single-column key becomes composite, and a composite key changes its column order and name.
-- current
CREATE TABLE enrol (student INTEGER NOT NULL, course TEXT NOT NULL, grade TEXT, PRIMARY KEY (student));
CREATE TABLE pairs (a INT NOT NULL, b INT NOT NULL, CONSTRAINT pairs_pk PRIMARY KEY (a, b));
INSERT INTO enrol VALUES (1, 'math', 'A'), (2, 'art', 'B');
INSERT INTO pairs VALUES (1, 2), (2, 1);

-- desired
CREATE TABLE enrol (student INTEGER NOT NULL, course TEXT NOT NULL, grade TEXT, PRIMARY KEY (student, course));
CREATE TABLE pairs (a INT NOT NULL, b INT NOT NULL, CONSTRAINT pairs_key PRIMARY KEY (b, a));
