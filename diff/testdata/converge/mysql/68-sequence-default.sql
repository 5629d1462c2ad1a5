-- MariaDB: a sequence used by a column default is created before the table
-- and the column that use it; another sequence changes its options.
-- plan: sequence.create table.create column.add sequence.alter
-- current
CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20));
INSERT INTO orders VALUES (1, 'a');
CREATE SEQUENCE invoice_no START WITH 100 INCREMENT BY 1;

-- desired
CREATE SEQUENCE order_no START WITH 1000 INCREMENT BY 10 MINVALUE 1000 MAXVALUE 999999 CACHE 5 CYCLE;
CREATE SEQUENCE invoice_no START WITH 500 INCREMENT BY 2 NOCACHE;
CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20), ref BIGINT DEFAULT NEXT VALUE FOR order_no);
CREATE TABLE invoices (id BIGINT NOT NULL DEFAULT (NEXT VALUE FOR invoice_no) PRIMARY KEY, total DECIMAL(8,2));
