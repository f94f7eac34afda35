-- The sample SQLite file library.db is made from this script:
--   sqlite3 library.db < library.sql
-- Made-up data for lesson 15: a school library's books and loans.
CREATE TABLE books (
  code TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  author TEXT,
  year INTEGER,
  pages INTEGER
);
CREATE TABLE loans (
  book TEXT REFERENCES books(code),
  student TEXT,
  lent DATE,
  returned DATE,
  late BOOLEAN
);
INSERT INTO books VALUES
  ('b1', 'The Little Prince', 'Antoine de Saint-Exupéry', 1943, 96),
  ('b2', 'Jamilia', 'Chinghiz Aitmatov', 1958, 112),
  ('b3', 'The White Ship', 'Chinghiz Aitmatov', 1970, 160),
  ('b4', 'Matilda', 'Roald Dahl', 1988, 240);
INSERT INTO loans VALUES
  ('b1', 'ana', '2025-10-01', '2025-10-15', 0),
  ('b2', 'chen', '2025-10-03', '2025-11-02', 1),
  ('b2', 'farida', '2025-11-05', NULL, 0),
  ('b4', 'dana', '2025-11-10', '2025-11-20', 0),
  ('b3', 'chen', '2025-11-12', NULL, 0);
