-- EXCLUDE constraints added and dropped (dropping one as an index fails).
-- plan: exclusion.drop exclusion.add
-- current
CREATE TABLE slots (id int PRIMARY KEY, during tsrange, CONSTRAINT slots_old EXCLUDE USING gist (during WITH &&));
INSERT INTO slots VALUES (1, '[2024-01-01,2024-01-02)');
-- desired
CREATE TABLE slots (id int PRIMARY KEY, during tsrange,
	CONSTRAINT slots_new EXCLUDE USING gist (during WITH &&) WHERE (id > 0));
