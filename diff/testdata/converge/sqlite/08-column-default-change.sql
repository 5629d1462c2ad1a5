-- Defaults are changed, added and removed.
-- current
CREATE TABLE settings (id INTEGER PRIMARY KEY, mode TEXT DEFAULT 'fast', level INT, legacy INT DEFAULT 3, flag DEFAULT NULL);
INSERT INTO settings (id, mode, level, legacy) VALUES (1, 'slow', 2, 4);
INSERT INTO settings (id, level) VALUES (2, NULL);

-- desired
CREATE TABLE settings (id INTEGER PRIMARY KEY, mode TEXT DEFAULT 'safe', level INT DEFAULT 1, legacy INT, flag);
