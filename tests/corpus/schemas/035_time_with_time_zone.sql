-- not-dialect: mysql (MariaDB/MySQL have no time or timestamp type with a time zone)
-- TIME WITH TIME ZONE.
CREATE TABLE alarms (
	id INTEGER PRIMARY KEY,
	rings_at TIME WITH TIME ZONE NOT NULL
);
