CREATE TABLE folders (tenant_id INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE TABLE documents (
	tenant_id INTEGER NOT NULL,
	folder_id INTEGER,
	FOREIGN KEY (tenant_id, folder_id) REFERENCES folders ON DELETE SET NULL (folder_id)
);
