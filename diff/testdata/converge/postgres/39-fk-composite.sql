-- A composite foreign key to a composite primary key.
-- current
CREATE TABLE regions (country char(2) NOT NULL, code text NOT NULL, name text, PRIMARY KEY (country, code));
CREATE TABLE offices (id integer PRIMARY KEY, country char(2), region text);
INSERT INTO regions VALUES ('FR', 'IDF', 'Ile-de-France');
INSERT INTO offices VALUES (1, 'FR', 'IDF'), (2, NULL, NULL);
-- desired
CREATE TABLE regions (country char(2) NOT NULL, code text NOT NULL, name text, PRIMARY KEY (country, code));
CREATE TABLE offices (id integer PRIMARY KEY, country char(2), region text,
    CONSTRAINT offices_region_fk FOREIGN KEY (country, region) REFERENCES regions (country, code) MATCH FULL ON UPDATE CASCADE);
