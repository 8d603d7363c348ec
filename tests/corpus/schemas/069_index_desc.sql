-- Descending index keys.
CREATE TABLE scores (
	id INTEGER PRIMARY KEY,
	player VARCHAR(40) NOT NULL,
	points INTEGER NOT NULL,
	achieved_at TIMESTAMP NOT NULL
);

CREATE INDEX ix_scores_points ON scores (points DESC);
CREATE INDEX ix_scores_player_time ON scores (player, achieved_at DESC);
