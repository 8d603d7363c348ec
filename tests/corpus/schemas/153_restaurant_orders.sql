-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A restaurant: menu sections and items with modifiers, tables, orders
-- taken by staff, order lines with chosen modifiers, and reservations.
CREATE TABLE menu_sections (
	id SMALLINT PRIMARY KEY,
	name VARCHAR(40) NOT NULL UNIQUE,
	position SMALLINT NOT NULL DEFAULT 0
);

CREATE TABLE menu_items (
	id INTEGER PRIMARY KEY,
	section_id SMALLINT NOT NULL REFERENCES menu_sections (id),
	name VARCHAR(80) NOT NULL,
	price NUMERIC(6,2) NOT NULL CHECK (price >= 0),
	vegetarian BOOLEAN NOT NULL DEFAULT FALSE,
	available BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE modifiers (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES menu_items (id) ON DELETE CASCADE,
	label VARCHAR(40) NOT NULL,
	extra NUMERIC(5,2) NOT NULL DEFAULT 0.00
);

CREATE TABLE dining_tables (
	number SMALLINT PRIMARY KEY,
	seats SMALLINT NOT NULL,
	terrace BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE waiters (
	id SMALLINT PRIMARY KEY,
	name VARCHAR(40) NOT NULL
);

CREATE TABLE tickets (
	id INTEGER PRIMARY KEY,
	table_number SMALLINT REFERENCES dining_tables (number),
	waiter_id SMALLINT REFERENCES waiters (id),
	opened_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	closed_at TIMESTAMP,
	tip NUMERIC(6,2)
);

CREATE TABLE ticket_lines (
	ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
	line SMALLINT NOT NULL,
	item_id INTEGER NOT NULL REFERENCES menu_items (id),
	qty SMALLINT NOT NULL DEFAULT 1 CHECK (qty > 0),
	note VARCHAR(100),
	PRIMARY KEY (ticket_id, line)
);

CREATE TABLE ticket_line_modifiers (
	ticket_id INTEGER NOT NULL,
	line SMALLINT NOT NULL,
	modifier_id INTEGER NOT NULL REFERENCES modifiers (id),
	PRIMARY KEY (ticket_id, line, modifier_id),
	FOREIGN KEY (ticket_id, line) REFERENCES ticket_lines (ticket_id, line) ON DELETE CASCADE
);

CREATE TABLE reservations (
	id INTEGER PRIMARY KEY,
	name VARCHAR(60) NOT NULL,
	phone VARCHAR(20),
	party_size SMALLINT NOT NULL CHECK (party_size BETWEEN 1 AND 20),
	at TIMESTAMP NOT NULL,
	table_number SMALLINT REFERENCES dining_tables (number) ON DELETE SET NULL
);

CREATE INDEX ix_tickets_open ON tickets (table_number) WHERE closed_at IS NULL;
CREATE INDEX ix_reservations_at ON reservations (at);
