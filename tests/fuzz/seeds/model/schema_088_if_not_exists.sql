-- IF NOT EXISTS is accepted and changes nothing in the model.
CREATE TABLE IF NOT EXISTS kv (
	k VARCHAR(64) PRIMARY KEY,
	v TEXT
);

CREATE INDEX IF NOT EXISTS ix_kv_v ON kv (v);
