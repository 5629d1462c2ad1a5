-- Column comments added, changed and removed.
-- current
CREATE TABLE docs (id integer PRIMARY KEY, a text, b text, c text);
COMMENT ON COLUMN docs.b IS 'old';
COMMENT ON COLUMN docs.c IS 'gone soon';
INSERT INTO docs VALUES (1, 'x', 'y', 'z');
-- desired
CREATE TABLE docs (id integer PRIMARY KEY, a text, b text, c text);
COMMENT ON COLUMN docs.a IS 'It''s new: "quoted", with a \ backslash';
COMMENT ON COLUMN docs.b IS 'new';
