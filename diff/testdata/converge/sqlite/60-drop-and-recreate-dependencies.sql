-- A table is dropped while another is created that takes its name's place in a view, and a column referenced by a view is dropped.
-- current
CREATE TABLE legacy (id INTEGER PRIMARY KEY, v TEXT);
CREATE TABLE data (id INTEGER PRIMARY KEY, a TEXT, b TEXT);
CREATE VIEW both_v AS SELECT d.id, d.b, l.v FROM data d LEFT JOIN legacy l ON l.id = d.id;
INSERT INTO legacy VALUES (1, 'old');
INSERT INTO data VALUES (1, 'a1', 'b1'), (2, 'a2', 'b2');

-- desired
CREATE TABLE data (id INTEGER PRIMARY KEY, a TEXT);
CREATE TABLE modern (id INTEGER PRIMARY KEY, v TEXT);
CREATE VIEW both_v AS SELECT d.id, d.a, m.v FROM data d LEFT JOIN modern m ON m.id = d.id;
