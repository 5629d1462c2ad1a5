-- Sequence options change (free, used by a default, and a serial column's
-- own), one gains an owner, and one is dropped.
-- current
CREATE SEQUENCE ticket_seq;
CREATE SEQUENCE spare_seq;
CREATE SEQUENCE gone_seq;
CREATE TABLE ticket (id integer PRIMARY KEY DEFAULT nextval('ticket_seq'), n serial, note text);
INSERT INTO ticket (id) VALUES (1), (2);
-- desired
CREATE SEQUENCE ticket_seq AS integer START WITH 10 INCREMENT BY 2 MAXVALUE 100000 CACHE 5 CYCLE;
CREATE SEQUENCE spare_seq;
CREATE TABLE ticket (id integer PRIMARY KEY DEFAULT nextval('ticket_seq'), n serial, note text);
ALTER SEQUENCE ticket_n_seq INCREMENT BY 10;
ALTER SEQUENCE spare_seq OWNED BY ticket.note;
