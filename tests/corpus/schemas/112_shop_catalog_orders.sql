-- not-dialect: mysql (MariaDB has no expression index keys (MySQL 8.0.13 has, through hidden columns))
-- An online shop: a category tree, products and their variants, prices
-- in cents, carts, orders with an address snapshot, payments and refunds.
CREATE TABLE categories (
	id BIGINT PRIMARY KEY,
	parent_id BIGINT REFERENCES categories (id) ON DELETE CASCADE,
	slug VARCHAR(80) NOT NULL UNIQUE,
	name VARCHAR(120) NOT NULL,
	position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE products (
	id BIGINT PRIMARY KEY,
	category_id BIGINT REFERENCES categories (id) ON DELETE SET NULL,
	sku VARCHAR(32) NOT NULL,
	title VARCHAR(200) NOT NULL,
	description TEXT,
	price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
	currency CHAR(3) NOT NULL DEFAULT 'EUR',
	active BOOLEAN NOT NULL DEFAULT TRUE,
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT uq_products_sku UNIQUE (sku)
);

CREATE TABLE product_variants (
	id BIGINT PRIMARY KEY,
	product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
	option_name VARCHAR(40) NOT NULL,
	option_value VARCHAR(40) NOT NULL,
	stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
	UNIQUE (product_id, option_name, option_value)
);

CREATE TABLE customers (
	id BIGINT PRIMARY KEY,
	email VARCHAR(254) NOT NULL,
	full_name VARCHAR(120),
	marketing_opt_in BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE carts (
	id BIGINT PRIMARY KEY,
	customer_id BIGINT REFERENCES customers (id) ON DELETE CASCADE,
	updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE cart_items (
	cart_id BIGINT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
	variant_id BIGINT NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
	quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
	PRIMARY KEY (cart_id, variant_id)
);

CREATE TABLE orders (
	id BIGINT PRIMARY KEY,
	customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
	status VARCHAR(16) NOT NULL DEFAULT 'pending',
	ship_name VARCHAR(120) NOT NULL,
	ship_line1 VARCHAR(200) NOT NULL,
	ship_city VARCHAR(80) NOT NULL,
	ship_postcode VARCHAR(16),
	ship_country CHAR(2) NOT NULL,
	total_cents BIGINT NOT NULL,
	placed_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE order_lines (
	order_id BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	line_no SMALLINT NOT NULL,
	variant_id BIGINT REFERENCES product_variants (id) ON DELETE SET NULL,
	title VARCHAR(200) NOT NULL,
	unit_price_cents INTEGER NOT NULL,
	quantity INTEGER NOT NULL,
	PRIMARY KEY (order_id, line_no)
);

CREATE TABLE payments (
	id BIGINT PRIMARY KEY,
	order_id BIGINT NOT NULL REFERENCES orders (id),
	provider VARCHAR(20) NOT NULL,
	provider_ref VARCHAR(64) NOT NULL,
	amount_cents BIGINT NOT NULL,
	captured BOOLEAN NOT NULL DEFAULT FALSE,
	UNIQUE (provider, provider_ref)
);

CREATE TABLE refunds (
	id BIGINT PRIMARY KEY,
	payment_id BIGINT NOT NULL REFERENCES payments (id),
	amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
	reason TEXT
);

CREATE UNIQUE INDEX ux_customers_email ON customers (lower(email));
CREATE INDEX ix_products_category_active ON products (category_id) WHERE active;
CREATE INDEX ix_orders_customer_placed ON orders (customer_id, placed_at DESC);
CREATE INDEX ix_orders_open ON orders (status) WHERE status <> 'shipped';
