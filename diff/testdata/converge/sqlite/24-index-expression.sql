-- Expression indexes with DESC and COLLATE key parts.
-- current
CREATE TABLE names (id INTEGER PRIMARY KEY, first TEXT, last TEXT);
CREATE INDEX names_lower ON names (lower(last));
INSERT INTO names VALUES (1, 'Ada', 'Lovelace'), (2, 'Alan', 'Turing');

-- desired
CREATE TABLE names (id INTEGER PRIMARY KEY, first TEXT, last TEXT);
CREATE INDEX names_lower ON names (lower(last) DESC, first COLLATE NOCASE);
CREATE INDEX names_full ON names (first || ' ' || last, length(first) + 1);
CREATE UNIQUE INDEX names_ci ON names (last COLLATE NOCASE, first COLLATE RTRIM DESC) WHERE length(last) > 1;
