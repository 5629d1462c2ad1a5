-- Foreign keys change actions, MATCH FULL and deferrability.
-- current
CREATE TABLE parents (id integer PRIMARY KEY, code text UNIQUE);
CREATE TABLE kids (id integer PRIMARY KEY, parent_id integer, parent_code text,
    CONSTRAINT kids_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id),
    CONSTRAINT kids_code_fk FOREIGN KEY (parent_code) REFERENCES parents (code) ON UPDATE CASCADE);
INSERT INTO parents VALUES (1, 'p1');
INSERT INTO kids VALUES (1, 1, 'p1');
-- desired
CREATE TABLE parents (id integer PRIMARY KEY, code text UNIQUE);
CREATE TABLE kids (id integer PRIMARY KEY, parent_id integer, parent_code text,
    CONSTRAINT kids_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id) ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT kids_code_fk FOREIGN KEY (parent_code) REFERENCES parents (code) MATCH FULL ON DELETE SET DEFAULT DEFERRABLE);
