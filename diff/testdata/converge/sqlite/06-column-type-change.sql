-- Changing a declared type rebuilds the table and keeps the rows.
-- current
CREATE TABLE measures (id INTEGER PRIMARY KEY, amount TEXT, code INT, label VARCHAR(10));
INSERT INTO measures VALUES (1, '10', 7, 'short'), (2, '20', 8, 'tiny'), (3, NULL, NULL, NULL);

-- desired
CREATE TABLE measures (id INTEGER PRIMARY KEY, amount INTEGER, code TEXT, label VARCHAR(200));
