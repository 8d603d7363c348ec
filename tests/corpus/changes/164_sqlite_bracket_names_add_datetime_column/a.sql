-- only: sqlite
CREATE TABLE [Artist] (
	[ArtistId] INTEGER NOT NULL,
	[Name] NVARCHAR(120),
	CONSTRAINT [PK_Artist] PRIMARY KEY ([ArtistId])
);
CREATE TABLE [Album] (
	[AlbumId] INTEGER NOT NULL,
	[Title] NVARCHAR(160) NOT NULL,
	[ArtistId] INTEGER NOT NULL,
	CONSTRAINT [PK_Album] PRIMARY KEY ([AlbumId])
);
