-- only: postgres
-- Comments on a table and a column whose names need quotes.
CREATE TABLE public."User Accounts" ("Id" INTEGER PRIMARY KEY, "Full Name" TEXT);
COMMENT ON TABLE public."User Accounts" IS 'people who sign in';
COMMENT ON COLUMN public."User Accounts"."Full Name" IS 'as they wrote it';
