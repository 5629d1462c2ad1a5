-- A WITHOUT ROWID table with a composite key becomes a rowid table with an extra index.
-- current
CREATE TABLE edges (src INT NOT NULL, dst INT NOT NULL, w REAL, PRIMARY KEY (src, dst)) WITHOUT ROWID;
INSERT INTO edges VALUES (1, 2, 0.5), (2, 3, 1.5);

-- desired
CREATE TABLE edges (src INT NOT NULL, dst INT NOT NULL, w REAL, PRIMARY KEY (src, dst));
CREATE INDEX edges_dst ON edges (dst);
