-- A primary key is removed; the rows stay.
-- current
CREATE TABLE log (seq INTEGER NOT NULL, msg TEXT, CONSTRAINT log_pk PRIMARY KEY (seq));
INSERT INTO log VALUES (1, 'start'), (2, 'stop');

-- desired
CREATE TABLE log (seq INTEGER NOT NULL, msg TEXT);
