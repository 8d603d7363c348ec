-- A DVD rental shop in the shape of the well-known sample: languages,
-- films, actors and categories joined by composite keys, stores, staff,
-- customers, inventory, rentals and payments, with update stamps.
CREATE TABLE language (
	language_id SMALLINT PRIMARY KEY,
	name CHAR(20) NOT NULL,
	last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE film (
	film_id INTEGER PRIMARY KEY,
	title VARCHAR(255) NOT NULL,
	description TEXT,
	release_year INTEGER CHECK (release_year >= 1901 AND release_year <= 2155),
	language_id SMALLINT NOT NULL REFERENCES language (language_id) ON UPDATE CASCADE ON DELETE RESTRICT,
	rental_duration SMALLINT NOT NULL DEFAULT 3,
	rental_rate NUMERIC(4,2) NOT NULL DEFAULT 4.99,
	length SMALLINT,
	replacement_cost NUMERIC(5,2) NOT NULL DEFAULT 19.99,
	rating VARCHAR(5) DEFAULT 'G',
	last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE actor (
	actor_id INTEGER PRIMARY KEY,
	first_name VARCHAR(45) NOT NULL,
	last_name VARCHAR(45) NOT NULL,
	last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE category (
	category_id INTEGER PRIMARY KEY,
	name VARCHAR(25) NOT NULL,
	last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE film_actor (
	actor_id INTEGER NOT NULL REFERENCES actor (actor_id) ON UPDATE CASCADE ON DELETE RESTRICT,
	film_id INTEGER NOT NULL REFERENCES film (film_id) ON UPDATE CASCADE ON DELETE RESTRICT,
	last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (actor_id, film_id)
);

CREATE TABLE film_category (
	film_id INTEGER NOT NULL REFERENCES film (film_id) ON UPDATE CASCADE ON DELETE RESTRICT,
	category_id INTEGER NOT NULL REFERENCES category (category_id) ON UPDATE CASCADE ON DELETE RESTRICT,
	last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (film_id, category_id)
);

CREATE TABLE address (
	address_id INTEGER PRIMARY KEY,
	address VARCHAR(50) NOT NULL,
	district VARCHAR(20) NOT NULL,
	postal_code VARCHAR(10),
	phone VARCHAR(20) NOT NULL
);

CREATE TABLE store (
	store_id INTEGER PRIMARY KEY,
	manager_staff_id INTEGER NOT NULL,
	address_id INTEGER NOT NULL REFERENCES address (address_id) ON UPDATE CASCADE ON DELETE RESTRICT
);

CREATE TABLE staff (
	staff_id INTEGER PRIMARY KEY,
	first_name VARCHAR(45) NOT NULL,
	last_name VARCHAR(45) NOT NULL,
	address_id INTEGER NOT NULL REFERENCES address (address_id),
	email VARCHAR(50),
	store_id INTEGER NOT NULL REFERENCES store (store_id),
	active BOOLEAN NOT NULL DEFAULT TRUE,
	username VARCHAR(16) NOT NULL,
	password VARCHAR(40),
	picture BLOB
);

CREATE TABLE customer (
	customer_id INTEGER PRIMARY KEY,
	store_id INTEGER NOT NULL REFERENCES store (store_id),
	first_name VARCHAR(45) NOT NULL,
	last_name VARCHAR(45) NOT NULL,
	email VARCHAR(50),
	address_id INTEGER NOT NULL REFERENCES address (address_id),
	activebool BOOLEAN NOT NULL DEFAULT TRUE,
	create_date DATE NOT NULL DEFAULT CURRENT_DATE
);

CREATE TABLE inventory (
	inventory_id INTEGER PRIMARY KEY,
	film_id INTEGER NOT NULL REFERENCES film (film_id),
	store_id INTEGER NOT NULL REFERENCES store (store_id)
);

CREATE TABLE rental (
	rental_id INTEGER PRIMARY KEY,
	rental_date TIMESTAMP NOT NULL,
	inventory_id INTEGER NOT NULL REFERENCES inventory (inventory_id),
	customer_id INTEGER NOT NULL REFERENCES customer (customer_id),
	return_date TIMESTAMP,
	staff_id INTEGER NOT NULL REFERENCES staff (staff_id)
);

CREATE TABLE payment (
	payment_id INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customer (customer_id),
	staff_id INTEGER NOT NULL REFERENCES staff (staff_id),
	rental_id INTEGER REFERENCES rental (rental_id) ON DELETE SET NULL,
	amount NUMERIC(5,2) NOT NULL,
	payment_date TIMESTAMP NOT NULL
);

CREATE INDEX idx_title ON film (title);
CREATE INDEX idx_fk_language_id ON film (language_id);
CREATE INDEX idx_actor_last_name ON actor (last_name);
CREATE INDEX idx_fk_film_id ON film_actor (film_id);
CREATE INDEX idx_fk_store_id ON customer (store_id);
CREATE INDEX idx_last_name ON customer (last_name);
CREATE INDEX idx_store_id_film_id ON inventory (store_id, film_id);
CREATE UNIQUE INDEX idx_unq_rental_rental_date_inventory_id_customer_id ON rental (rental_date, inventory_id, customer_id);
CREATE UNIQUE INDEX idx_unq_manager_staff_id ON store (manager_staff_id);
CREATE INDEX idx_fk_payment_rental_id ON payment (rental_id);
