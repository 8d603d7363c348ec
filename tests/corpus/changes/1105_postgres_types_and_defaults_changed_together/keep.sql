SELECT id, reading::text, active::int::text, size::text, code::text FROM gauges ORDER BY id
