-- Names that differ only in ASCII case are the same object in SQLite: nothing to do for them.
-- current
CREATE TABLE Users (ID INTEGER PRIMARY KEY, Name TEXT, Email TEXT);
CREATE INDEX Users_Email ON Users (Email);
CREATE TABLE Posts (Id INTEGER PRIMARY KEY, User_Id INTEGER REFERENCES USERS (ID));
INSERT INTO Users VALUES (1, 'a', 'a@x');
INSERT INTO Posts VALUES (1, 1);

-- desired
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT, Extra TEXT);
CREATE INDEX users_email ON users (email);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));
