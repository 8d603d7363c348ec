-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A marketplace: sellers with payout accounts, listings, offers, orders
-- that reference the accepted offer, shipments, reviews of both sides
-- and disputes.
CREATE TABLE members (
	id BIGINT PRIMARY KEY,
	handle VARCHAR(30) NOT NULL UNIQUE,
	email VARCHAR(254) NOT NULL UNIQUE,
	country CHAR(2) NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE payout_accounts (
	member_id BIGINT PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
	iban VARCHAR(34) NOT NULL,
	verified BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE listings (
	id BIGINT PRIMARY KEY,
	seller_id BIGINT NOT NULL REFERENCES members (id),
	title VARCHAR(140) NOT NULL,
	condition VARCHAR(10) NOT NULL CHECK (condition IN ('new', 'used', 'broken')),
	asking_cents INTEGER NOT NULL CHECK (asking_cents > 0),
	status VARCHAR(10) NOT NULL DEFAULT 'active',
	listed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE offers (
	id BIGINT PRIMARY KEY,
	listing_id BIGINT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	buyer_id BIGINT NOT NULL REFERENCES members (id),
	amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
	state VARCHAR(10) NOT NULL DEFAULT 'open',
	made_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE sales (
	id BIGINT PRIMARY KEY,
	offer_id BIGINT NOT NULL UNIQUE REFERENCES offers (id),
	fee_cents INTEGER NOT NULL DEFAULT 0,
	paid_at TIMESTAMP
);

CREATE TABLE shipments (
	sale_id BIGINT PRIMARY KEY REFERENCES sales (id) ON DELETE CASCADE,
	carrier VARCHAR(20) NOT NULL,
	tracking VARCHAR(40),
	shipped_on DATE,
	delivered_on DATE,
	CHECK (delivered_on IS NULL OR delivered_on >= shipped_on)
);

CREATE TABLE sale_reviews (
	sale_id BIGINT NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
	by_seller BOOLEAN NOT NULL,
	stars SMALLINT NOT NULL CHECK (stars BETWEEN 1 AND 5),
	comment VARCHAR(500),
	PRIMARY KEY (sale_id, by_seller)
);

CREATE TABLE disputes (
	id BIGINT PRIMARY KEY,
	sale_id BIGINT NOT NULL REFERENCES sales (id),
	opened_by BIGINT NOT NULL REFERENCES members (id),
	reason TEXT NOT NULL,
	resolved BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE INDEX ix_listings_seller_status ON listings (seller_id, status);
CREATE INDEX ix_listings_active_recent ON listings (listed_at DESC) WHERE status = 'active';
CREATE INDEX ix_offers_listing ON offers (listing_id, amount_cents DESC);
CREATE UNIQUE INDEX ux_offers_one_open ON offers (listing_id, buyer_id) WHERE state = 'open';
CREATE INDEX ix_disputes_open ON disputes (sale_id) WHERE resolved = FALSE;
