-- current
CREATE TABLE `select` (`from` INT NOT NULL PRIMARY KEY, `we``ird` VARCHAR(10), `semi;colon` INT);
CREATE TABLE `Ünïcødé tåble` (`id` INT PRIMARY KEY, `naïve "col"` VARCHAR(10));
INSERT INTO `select` VALUES (1, 'a', 1), (2, 'b', 2);
INSERT INTO `Ünïcødé tåble` VALUES (1, 'x');

-- desired
CREATE TABLE `select` (`from` INT NOT NULL PRIMARY KEY, `we``ird` VARCHAR(20) COMMENT 'it''s `odd`', `semi;colon` INT, `order` INT DEFAULT 0,
  KEY `ix;"drop table x;--` (`we``ird`), UNIQUE KEY `uq``group` (`semi;colon`),
  CONSTRAINT `ck;``weird` CHECK (`order` >= 0)) COMMENT='table; "select"';
CREATE TABLE `Ünïcødé tåble` (`id` INT PRIMARY KEY, `naïve "col"` VARCHAR(10), `ref` INT,
  CONSTRAINT `fk``ünï` FOREIGN KEY (`ref`) REFERENCES `select` (`from`) ON DELETE CASCADE);
CREATE TABLE `new;table` (`key` INT PRIMARY KEY, `desc` VARCHAR(5) DEFAULT ';');
CREATE VIEW `view "v"` AS SELECT `from`, `we``ird` FROM `select`;
CREATE TRIGGER `trg``x;` BEFORE INSERT ON `select` FOR EACH ROW SET NEW.`order` = 1;
