-- dialect: postgres
-- Defaults that call built-in functions, use operators, casts of strings
-- to types, session values and a jsonb object.
CREATE TABLE events (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	at timestamptz NOT NULL DEFAULT clock_timestamp(),
	day date DEFAULT (now() AT TIME ZONE 'utc')::date,
	due date DEFAULT CURRENT_DATE + 7,
	actor name DEFAULT CURRENT_USER,
	who text DEFAULT session_user,
	app text DEFAULT current_setting('application_name'),
	payload jsonb DEFAULT jsonb_build_object('v', 1),
	slug text DEFAULT lower(md5(random()::text)),
	ip inet DEFAULT '127.0.0.1'::inet,
	n integer DEFAULT (2 + 3) * 4,
	neg integer DEFAULT -(1)
);
