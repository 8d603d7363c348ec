CREATE TABLE "a name on two lines,
which is much too long for PostgreSQL anyway" (id INTEGER);
