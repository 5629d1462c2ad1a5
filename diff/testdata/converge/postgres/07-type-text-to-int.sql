-- text to integer and text to date with castable data: needs USING.
-- current
CREATE TABLE readings (id integer PRIMARY KEY, value text, taken text);
INSERT INTO readings VALUES (1, '12', '2024-01-02'), (2, '-7', '2023-12-31'), (3, NULL, NULL);
-- desired
CREATE TABLE readings (id integer PRIMARY KEY, value integer, taken date);
