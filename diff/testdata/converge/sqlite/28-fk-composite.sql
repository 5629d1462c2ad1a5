-- A composite foreign key to a composite key, added and then named.
-- current
CREATE TABLE rooms (building TEXT NOT NULL, num INT NOT NULL, PRIMARY KEY (building, num));
CREATE TABLE bookings (id INTEGER PRIMARY KEY, building TEXT, num INT);
INSERT INTO rooms VALUES ('A', 1), ('A', 2), ('B', 1);
INSERT INTO bookings VALUES (1, 'A', 2), (2, 'B', 1);

-- desired
CREATE TABLE rooms (building TEXT NOT NULL, num INT NOT NULL, PRIMARY KEY (building, num));
CREATE TABLE bookings (id INTEGER PRIMARY KEY, building TEXT, num INT,
    CONSTRAINT bookings_room FOREIGN KEY (building, num) REFERENCES rooms (building, num) ON DELETE CASCADE);
