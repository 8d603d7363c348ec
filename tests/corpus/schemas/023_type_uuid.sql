-- UUID as primary key and as a reference.
CREATE TABLE sessions (
	id UUID PRIMARY KEY,
	token UUID NOT NULL UNIQUE,
	parent UUID
);
