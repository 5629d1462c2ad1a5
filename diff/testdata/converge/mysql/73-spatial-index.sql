-- A SPATIAL index is created without a prefix length: MariaDB reports
-- SUB_PART 32 for its part, and writing it back failed the sync.
-- plan: index.create index.create table.create
-- current
CREATE TABLE places (id int PRIMARY KEY, loc point NOT NULL);
INSERT INTO places VALUES (1, POINT(1, 2));
-- desired
CREATE TABLE places (id int PRIMARY KEY, loc point NOT NULL, SPATIAL KEY sp_loc (loc));
CREATE TABLE areas (id int PRIMARY KEY, shape polygon NOT NULL, SPATIAL INDEX sp_shape (shape));
