-- Edits from sqldef-style migrations at once, on populated tables: a
-- column widened and given another character set, an enum value inserted
-- first and a set value added (with new defaults), a stored generated
-- column retyped, an expression default kept, a check renamed, a FULLTEXT
-- index widened to a new column, an index made unique, a foreign key
-- renamed with another action.
-- current
CREATE TABLE a (id int NOT NULL AUTO_INCREMENT, code varchar(10), kind enum('x','y','z') DEFAULT 'x', tags set('r','g') DEFAULT 'r', total decimal(10,2), dbl decimal(10,2) AS (total * 2) STORED, note text, uid varchar(36) DEFAULT (uuid()), PRIMARY KEY (id), CONSTRAINT chk_total CHECK (total >= 0), FULLTEXT KEY ft_note (note), KEY ix_code (code));
CREATE TABLE b (id int NOT NULL, a_id int, PRIMARY KEY (id), CONSTRAINT fk_b_a FOREIGN KEY (a_id) REFERENCES a (id) ON DELETE CASCADE);
INSERT INTO a (code, kind, tags, total, note) VALUES ('c1', 'y', 'r,g', 5, 'hello world'), ('c2', 'z', 'g', 7, 'x');
INSERT INTO b VALUES (1, 1);
-- desired
CREATE TABLE a (id int NOT NULL AUTO_INCREMENT, code varchar(20) CHARACTER SET ascii, kind enum('w','x','y','z') DEFAULT 'w', tags set('r','g','b') DEFAULT 'r,b', total decimal(12,2), dbl decimal(12,2) AS (total * 2) STORED, note text, uid varchar(36) DEFAULT (uuid()), PRIMARY KEY (id), CONSTRAINT chk_total_pos CHECK (total >= 0), title varchar(50), FULLTEXT KEY ft_note (note, title), UNIQUE KEY ux_code (code));
CREATE TABLE b (id int NOT NULL, a_id int, PRIMARY KEY (id), CONSTRAINT fk_b_a2 FOREIGN KEY (a_id) REFERENCES a (id) ON DELETE SET NULL);
