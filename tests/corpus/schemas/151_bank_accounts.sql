-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- Retail banking: customers, accounts in a currency, joint holders,
-- cards, transfers between accounts and standing orders.
CREATE TABLE bank_customers (
	id BIGINT PRIMARY KEY,
	national_id VARCHAR(20) NOT NULL UNIQUE,
	full_name VARCHAR(120) NOT NULL,
	born DATE NOT NULL,
	risk_class CHAR(1) NOT NULL DEFAULT 'B' CHECK (risk_class IN ('A', 'B', 'C'))
);

CREATE TABLE bank_accounts (
	id BIGINT PRIMARY KEY,
	iban VARCHAR(34) NOT NULL UNIQUE,
	currency CHAR(3) NOT NULL,
	opened_on DATE NOT NULL DEFAULT CURRENT_DATE,
	closed_on DATE,
	overdraft_limit NUMERIC(12,2) NOT NULL DEFAULT 0 CHECK (overdraft_limit >= 0)
);

CREATE TABLE account_holders (
	account_id BIGINT NOT NULL REFERENCES bank_accounts (id) ON DELETE CASCADE,
	customer_id BIGINT NOT NULL REFERENCES bank_customers (id),
	primary_holder BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (account_id, customer_id)
);

CREATE TABLE cards (
	id BIGINT PRIMARY KEY,
	account_id BIGINT NOT NULL REFERENCES bank_accounts (id),
	holder_id BIGINT NOT NULL REFERENCES bank_customers (id),
	last4 CHAR(4) NOT NULL,
	expires_on DATE NOT NULL,
	blocked BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE transfers (
	id BIGINT PRIMARY KEY,
	from_account BIGINT NOT NULL REFERENCES bank_accounts (id),
	to_account BIGINT NOT NULL REFERENCES bank_accounts (id),
	amount NUMERIC(14,2) NOT NULL CHECK (amount > 0),
	reference VARCHAR(140),
	booked_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CHECK (from_account <> to_account)
);

CREATE TABLE standing_orders (
	id BIGINT PRIMARY KEY,
	from_account BIGINT NOT NULL REFERENCES bank_accounts (id) ON DELETE CASCADE,
	to_iban VARCHAR(34) NOT NULL,
	amount NUMERIC(14,2) NOT NULL,
	day_of_month SMALLINT NOT NULL CHECK (day_of_month BETWEEN 1 AND 28),
	ends_on DATE
);

CREATE INDEX ix_transfers_from_booked ON transfers (from_account, booked_at DESC);
CREATE INDEX ix_transfers_to_booked ON transfers (to_account, booked_at DESC);
CREATE INDEX ix_accounts_open ON bank_accounts (currency) WHERE closed_on IS NULL;
