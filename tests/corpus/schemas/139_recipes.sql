-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A recipe site: ingredients and units, recipes with ordered steps,
-- ingredient quantities, tags, ratings by cooks and saved collections.
CREATE TABLE units (
	code VARCHAR(8) PRIMARY KEY,
	name VARCHAR(30) NOT NULL,
	grams_per_unit REAL
);

CREATE TABLE ingredients (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL UNIQUE,
	vegan BOOLEAN NOT NULL DEFAULT FALSE,
	allergen VARCHAR(20)
);

CREATE TABLE cooks (
	id INTEGER PRIMARY KEY,
	username VARCHAR(40) NOT NULL UNIQUE
);

CREATE TABLE recipes (
	id INTEGER PRIMARY KEY,
	slug VARCHAR(100) NOT NULL UNIQUE,
	title VARCHAR(150) NOT NULL,
	author_id INTEGER REFERENCES cooks (id) ON DELETE SET NULL,
	serves SMALLINT NOT NULL DEFAULT 4 CHECK (serves > 0),
	prep_minutes SMALLINT,
	cook_minutes SMALLINT,
	published BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE recipe_steps (
	recipe_id INTEGER NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
	position SMALLINT NOT NULL,
	instruction TEXT NOT NULL,
	PRIMARY KEY (recipe_id, position)
);

CREATE TABLE recipe_ingredients (
	recipe_id INTEGER NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
	ingredient_id INTEGER NOT NULL REFERENCES ingredients (id),
	amount NUMERIC(8,2),
	unit VARCHAR(8) REFERENCES units (code),
	note VARCHAR(60),
	PRIMARY KEY (recipe_id, ingredient_id)
);

CREATE TABLE ratings (
	recipe_id INTEGER NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
	cook_id INTEGER NOT NULL REFERENCES cooks (id) ON DELETE CASCADE,
	stars SMALLINT NOT NULL CHECK (stars >= 1 AND stars <= 5),
	review TEXT,
	PRIMARY KEY (recipe_id, cook_id)
);

CREATE TABLE collections (
	id INTEGER PRIMARY KEY,
	owner_id INTEGER NOT NULL REFERENCES cooks (id) ON DELETE CASCADE,
	name VARCHAR(60) NOT NULL,
	UNIQUE (owner_id, name)
);

CREATE TABLE collection_recipes (
	collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
	recipe_id INTEGER NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
	added_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (collection_id, recipe_id)
);

CREATE INDEX ix_recipe_ingredients_ingredient ON recipe_ingredients (ingredient_id);
CREATE INDEX ix_recipes_published_title ON recipes (title) WHERE published = TRUE;
