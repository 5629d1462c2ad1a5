-- Narrowing with data that fits: text to varchar(20), bigint to integer.
-- current
CREATE TABLE codes (id bigint PRIMARY KEY, code text NOT NULL);
INSERT INTO codes VALUES (1, 'alpha'), (2, 'beta');
-- desired
CREATE TABLE codes (id integer PRIMARY KEY, code varchar(20) NOT NULL);
