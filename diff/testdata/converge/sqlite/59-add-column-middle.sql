-- A column the source declares between existing ones is appended in place (diff does not compare positions).
-- current
CREATE TABLE contacts (id INTEGER PRIMARY KEY, last TEXT);
INSERT INTO contacts VALUES (1, 'Lovelace'), (2, 'Turing');

-- desired
CREATE TABLE contacts (id INTEGER PRIMARY KEY, first TEXT DEFAULT "unknown", middle TEXT DEFAULT none, last TEXT);
