-- Two new tables that reference each other (a cycle), plus a cycle added between existing tables.
-- current
CREATE TABLE teams (id integer PRIMARY KEY, captain_id integer);
CREATE TABLE players (id integer PRIMARY KEY, team_id integer);
INSERT INTO teams VALUES (1, 10);
INSERT INTO players VALUES (10, 1);
-- desired
CREATE TABLE teams (id integer PRIMARY KEY, captain_id integer);
CREATE TABLE players (id integer PRIMARY KEY, team_id integer REFERENCES teams (id));
ALTER TABLE teams ADD CONSTRAINT teams_captain_fk FOREIGN KEY (captain_id) REFERENCES players (id) DEFERRABLE INITIALLY DEFERRED;
CREATE TABLE husbands (id integer PRIMARY KEY, wife_id integer);
CREATE TABLE wives (id integer PRIMARY KEY, husband_id integer REFERENCES husbands (id));
ALTER TABLE husbands ADD FOREIGN KEY (wife_id) REFERENCES wives (id);
