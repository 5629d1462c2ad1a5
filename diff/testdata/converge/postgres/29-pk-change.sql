-- A primary key changes columns and name.
-- current
CREATE TABLE memberships (user_id integer NOT NULL, group_id integer NOT NULL, role text, CONSTRAINT memberships_pkey PRIMARY KEY (user_id));
INSERT INTO memberships VALUES (1, 10, 'admin'), (2, 10, 'user');
-- desired
CREATE TABLE memberships (user_id integer NOT NULL, group_id integer NOT NULL, role text, CONSTRAINT memberships_pk PRIMARY KEY (group_id, user_id));
