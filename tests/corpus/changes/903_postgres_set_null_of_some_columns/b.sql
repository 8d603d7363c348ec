-- dialect: postgres
-- The tenant stays when a folder goes (tenant_id is NOT NULL): the delete
-- sets only folder_id, and the foreign key is dropped and added again.
CREATE TABLE folders (
	tenant_id integer NOT NULL,
	id integer NOT NULL,
	PRIMARY KEY (tenant_id, id)
);

CREATE TABLE documents (
	tenant_id integer NOT NULL,
	id integer NOT NULL,
	folder_id integer,
	PRIMARY KEY (tenant_id, id),
	CONSTRAINT documents_folder_fkey FOREIGN KEY (tenant_id, folder_id)
		REFERENCES folders ON DELETE SET NULL (folder_id)
);
