-- A trading company like the old Access sample: categories, suppliers,
-- products, customers, employees with a manager, shippers, orders and
-- order details keyed by order and product, territories and regions.
CREATE TABLE categories (
	category_id SMALLINT PRIMARY KEY,
	category_name VARCHAR(15) NOT NULL,
	description TEXT,
	picture BLOB
);

CREATE TABLE suppliers (
	supplier_id SMALLINT PRIMARY KEY,
	company_name VARCHAR(40) NOT NULL,
	contact_name VARCHAR(30),
	country VARCHAR(15),
	phone VARCHAR(24),
	homepage TEXT
);

CREATE TABLE products (
	product_id SMALLINT PRIMARY KEY,
	product_name VARCHAR(40) NOT NULL,
	supplier_id SMALLINT REFERENCES suppliers (supplier_id),
	category_id SMALLINT REFERENCES categories (category_id),
	quantity_per_unit VARCHAR(20),
	unit_price REAL DEFAULT 0,
	units_in_stock SMALLINT DEFAULT 0,
	units_on_order SMALLINT DEFAULT 0,
	reorder_level SMALLINT DEFAULT 0,
	discontinued INTEGER NOT NULL,
	CONSTRAINT ck_products_unit_price CHECK (unit_price >= 0),
	CONSTRAINT ck_products_units_in_stock CHECK (units_in_stock >= 0)
);

CREATE TABLE region (
	region_id SMALLINT PRIMARY KEY,
	region_description CHAR(50) NOT NULL
);

CREATE TABLE territories (
	territory_id VARCHAR(20) PRIMARY KEY,
	territory_description CHAR(50) NOT NULL,
	region_id SMALLINT NOT NULL REFERENCES region (region_id)
);

CREATE TABLE employees (
	employee_id SMALLINT PRIMARY KEY,
	last_name VARCHAR(20) NOT NULL,
	first_name VARCHAR(10) NOT NULL,
	title VARCHAR(30),
	title_of_courtesy VARCHAR(25),
	birth_date DATE,
	hire_date DATE,
	reports_to SMALLINT REFERENCES employees (employee_id),
	notes TEXT,
	CONSTRAINT ck_birthdate CHECK (birth_date < hire_date)
);

CREATE TABLE employee_territories (
	employee_id SMALLINT NOT NULL REFERENCES employees (employee_id),
	territory_id VARCHAR(20) NOT NULL REFERENCES territories (territory_id),
	PRIMARY KEY (employee_id, territory_id)
);

CREATE TABLE customers (
	customer_id CHAR(5) PRIMARY KEY,
	company_name VARCHAR(40) NOT NULL,
	contact_name VARCHAR(30),
	city VARCHAR(15),
	postal_code VARCHAR(10),
	country VARCHAR(15)
);

CREATE TABLE shippers (
	shipper_id SMALLINT PRIMARY KEY,
	company_name VARCHAR(40) NOT NULL,
	phone VARCHAR(24)
);

CREATE TABLE orders (
	order_id SMALLINT PRIMARY KEY,
	customer_id CHAR(5) REFERENCES customers (customer_id),
	employee_id SMALLINT REFERENCES employees (employee_id),
	order_date DATE,
	required_date DATE,
	shipped_date DATE,
	ship_via SMALLINT REFERENCES shippers (shipper_id),
	freight REAL DEFAULT 0,
	ship_name VARCHAR(40),
	ship_country VARCHAR(15)
);

CREATE TABLE order_details (
	order_id SMALLINT NOT NULL REFERENCES orders (order_id),
	product_id SMALLINT NOT NULL REFERENCES products (product_id),
	unit_price REAL NOT NULL DEFAULT 0,
	quantity SMALLINT NOT NULL DEFAULT 1,
	discount REAL NOT NULL DEFAULT 0,
	CONSTRAINT pk_order_details PRIMARY KEY (order_id, product_id),
	CONSTRAINT ck_discount CHECK (discount >= 0 AND discount <= 1),
	CONSTRAINT ck_quantity CHECK (quantity > 0)
);

CREATE INDEX ix_products_category ON products (category_id);
CREATE INDEX ix_products_supplier ON products (supplier_id);
CREATE INDEX ix_orders_customer ON orders (customer_id);
CREATE INDEX ix_orders_shipped ON orders (shipped_date);
CREATE INDEX ix_customers_city ON customers (city);
