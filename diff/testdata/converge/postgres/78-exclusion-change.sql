-- An EXCLUDE constraint is a constraint, not a plain index: changed, it is
-- one drop and one add of the constraint.
-- plan: exclusion.drop exclusion.add
-- current
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE bookings (id int PRIMARY KEY, room int, during tstzrange,
	CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&));
INSERT INTO bookings VALUES (1, 1, '[2024-01-01,2024-01-02)');
-- desired
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE bookings (id int PRIMARY KEY, room int, during tstzrange,
	CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));
