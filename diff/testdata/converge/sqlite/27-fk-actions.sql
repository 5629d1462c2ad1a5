-- Referential actions change.
-- current
CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE players (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams (id) ON DELETE CASCADE,
    backup_team INTEGER REFERENCES teams (id));
INSERT INTO teams VALUES (1, 'red'), (2, 'blue');
INSERT INTO players VALUES (1, 1, 2), (2, 2, NULL);

-- desired
CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE players (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams (id) ON DELETE SET NULL ON UPDATE CASCADE,
    backup_team INTEGER REFERENCES teams (id) ON DELETE RESTRICT ON UPDATE SET DEFAULT);
