-- DEFERRABLE / INITIALLY DEFERRED on a unique constraint and a primary key.
-- plan: unique.drop unique.add primary_key.drop primary_key.add
-- current
CREATE TABLE seats (id int PRIMARY KEY, pos int CONSTRAINT seats_pos_key UNIQUE);
INSERT INTO seats VALUES (1, 1), (2, 2);
-- desired
CREATE TABLE seats (id int PRIMARY KEY DEFERRABLE, pos int CONSTRAINT seats_pos_key UNIQUE DEFERRABLE INITIALLY DEFERRED);
