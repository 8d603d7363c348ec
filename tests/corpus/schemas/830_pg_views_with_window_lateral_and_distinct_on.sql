-- dialect: postgres
-- Views with window functions, DISTINCT ON, a LATERAL join, an aggregate
-- with FILTER, GROUPING SETS, ORDER BY with LIMIT, and a VALUES list.
CREATE TABLE scores (
	id integer PRIMARY KEY,
	player text NOT NULL,
	game text NOT NULL,
	points integer NOT NULL,
	at timestamptz NOT NULL DEFAULT now()
);
CREATE VIEW ranked AS
	SELECT player, game, points, rank() OVER (PARTITION BY game ORDER BY points DESC) AS pos
	FROM scores;
CREATE VIEW latest AS
	SELECT DISTINCT ON (player) player, game, points FROM scores ORDER BY player, at DESC;
CREATE VIEW best_three AS
	SELECT p.player, b.points
	FROM (SELECT DISTINCT player FROM scores) p
	CROSS JOIN LATERAL (SELECT points FROM scores s WHERE s.player = p.player ORDER BY points DESC LIMIT 3) b;
CREATE VIEW summary AS
	SELECT game, player, count(*) AS n, count(*) FILTER (WHERE points > 100) AS high
	FROM scores GROUP BY GROUPING SETS ((game), (game, player));
CREATE VIEW top_ten AS SELECT player, points FROM scores ORDER BY points DESC LIMIT 10;
CREATE VIEW levels (name, min_points) AS VALUES ('bronze', 0), ('silver', 100), ('gold', 500);
