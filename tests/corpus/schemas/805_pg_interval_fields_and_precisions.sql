-- dialect: postgres
-- interval with each kind of field restriction and a precision, and
-- defaults in several spellings.
CREATE TABLE timers (
	id integer PRIMARY KEY,
	plain interval DEFAULT '1 day',
	precise interval(3),
	years interval year,
	months interval year to month,
	days interval day,
	hours interval day to hour,
	minutes interval hour to minute DEFAULT '01:30',
	seconds interval minute to second(2),
	secs interval second(0) DEFAULT interval '5 seconds',
	CHECK (plain > interval '0')
);
