-- Event ticketing: venues with seats in rows, events, price tiers,
-- orders and tickets that hold one seat per event.
CREATE TABLE venues (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL,
	city VARCHAR(60) NOT NULL,
	UNIQUE (name, city)
);

CREATE TABLE seats (
	venue_id INTEGER NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
	row_label VARCHAR(3) NOT NULL,
	seat_no SMALLINT NOT NULL,
	accessible BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (venue_id, row_label, seat_no)
);

CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	venue_id INTEGER NOT NULL REFERENCES venues (id),
	title VARCHAR(150) NOT NULL,
	starts_at TIMESTAMP WITH TIME ZONE NOT NULL,
	doors_open TIMESTAMP WITH TIME ZONE,
	on_sale BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE price_tiers (
	id INTEGER PRIMARY KEY,
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	name VARCHAR(30) NOT NULL,
	price NUMERIC(8,2) NOT NULL CHECK (price >= 0),
	UNIQUE (event_id, name)
);

CREATE TABLE ticket_orders (
	id INTEGER PRIMARY KEY,
	buyer_email VARCHAR(254) NOT NULL,
	placed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	paid BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE tickets (
	id INTEGER PRIMARY KEY,
	order_id INTEGER NOT NULL REFERENCES ticket_orders (id) ON DELETE CASCADE,
	event_id INTEGER NOT NULL REFERENCES events (id),
	tier_id INTEGER NOT NULL REFERENCES price_tiers (id),
	venue_id INTEGER NOT NULL,
	row_label VARCHAR(3) NOT NULL,
	seat_no SMALLINT NOT NULL,
	scanned_at TIMESTAMP,
	FOREIGN KEY (venue_id, row_label, seat_no) REFERENCES seats (venue_id, row_label, seat_no),
	CONSTRAINT uq_tickets_seat UNIQUE (event_id, venue_id, row_label, seat_no)
);

CREATE INDEX ix_events_start ON events (starts_at);
CREATE INDEX ix_tickets_order ON tickets (order_id);
