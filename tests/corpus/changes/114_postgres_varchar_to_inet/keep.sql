SELECT id, ip::inet FROM peers ORDER BY id
