-- Widening integers, including a primary key referenced by a foreign key.
-- current
CREATE TABLE accounts (id integer PRIMARY KEY, balance smallint);
CREATE TABLE entries (id integer PRIMARY KEY, account_id integer REFERENCES accounts (id));
INSERT INTO accounts VALUES (1, 10), (2, -3);
INSERT INTO entries VALUES (1, 1), (2, 2);
-- desired
CREATE TABLE accounts (id bigint PRIMARY KEY, balance integer);
CREATE TABLE entries (id integer PRIMARY KEY, account_id bigint REFERENCES accounts (id));
