INSERT INTO folders (tenant_id, id) VALUES (1, 10);
INSERT INTO folders (tenant_id, id) VALUES (2, 20);
INSERT INTO documents (tenant_id, id, folder_id) VALUES (1, 1, 10);
INSERT INTO documents (tenant_id, id, folder_id) VALUES (2, 2, NULL);
