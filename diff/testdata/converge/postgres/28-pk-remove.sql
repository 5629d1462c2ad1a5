-- A primary key removed (its columns stay NOT NULL only where desired says so).
-- current
CREATE TABLE a (id integer PRIMARY KEY, v text);
CREATE TABLE b (id integer NOT NULL, CONSTRAINT b_pk PRIMARY KEY (id));
INSERT INTO a VALUES (1, 'x');
INSERT INTO b VALUES (1);
-- desired
CREATE TABLE a (id integer, v text);
CREATE TABLE b (id integer NOT NULL);
