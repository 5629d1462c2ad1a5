-- Unique constraints added, removed and changed.
-- current
CREATE TABLE accounts (id integer PRIMARY KEY, email text, login text, a integer, b integer,
    CONSTRAINT accounts_login_key UNIQUE (login),
    CONSTRAINT accounts_ab_key UNIQUE (a));
INSERT INTO accounts VALUES (1, 'x@y', 'x', 1, 1), (2, 'z@y', 'z', 2, 1);
-- desired
CREATE TABLE accounts (id integer PRIMARY KEY, email text UNIQUE, login text, a integer, b integer,
    CONSTRAINT accounts_ab_key UNIQUE (a, b));
