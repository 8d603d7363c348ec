SELECT id, weight::text FROM parcels ORDER BY id
