-- Generated expressions and storage change; a generated column becomes plain and a plain one generated.
-- current
CREATE TABLE prices (id INTEGER PRIMARY KEY, net REAL, gross REAL AS (net * 2) STORED, tag TEXT AS ('x') VIRTUAL, plain TEXT);
INSERT INTO prices (id, net, plain) VALUES (1, 10, 'X'), (2, 20, 'X');

-- desired
CREATE TABLE prices (id INTEGER PRIMARY KEY, net REAL, gross REAL AS (net + net) VIRTUAL, tag TEXT, plain TEXT AS (upper(tag)) STORED);
