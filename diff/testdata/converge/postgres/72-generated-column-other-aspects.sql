-- A generated column keeps its expression but gains NOT NULL and a comment.
-- current
CREATE TABLE boxes (id integer PRIMARY KEY, w integer NOT NULL, h integer NOT NULL, area integer GENERATED ALWAYS AS (w * h) STORED);
INSERT INTO boxes (id, w, h) VALUES (1, 2, 3);
-- desired
CREATE TABLE boxes (id integer PRIMARY KEY, w integer NOT NULL, h integer NOT NULL, area integer NOT NULL GENERATED ALWAYS AS (w * h) STORED);
COMMENT ON COLUMN boxes.area IS 'w times h';
