-- Custom SQL migration file, put your code below! --
-- Full-text search (issue 15): three FTS5 indexes kept by triggers, so every
-- write that changes what they index updates them in its own transaction.
-- See DECISIONS.md "Search".

-- Stories: external content (the text stays in articles; the index reads it back
-- for highlight() and snippet()). Every story is indexed; the query keeps only
-- published ones whose time has come. porter over unicode61: "troop" finds
-- "troops", "café" finds "cafe". Prefix indexes for 2 and 3 characters keep "gu*" cheap.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, dek, body,
  content='articles', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2',
  prefix='2 3'
);
--> statement-breakpoint
CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, dek, body) VALUES (new.id, new.title, new.dek, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, dek, body) VALUES ('delete', old.id, old.title, old.dek, old.body);
END;
--> statement-breakpoint
-- Only the indexed columns: comment counts and flags change often and must not re-index a story.
CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF title, dek, body ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, dek, body) VALUES ('delete', old.id, old.title, old.dek, old.body);
  INSERT INTO articles_fts(rowid, title, dek, body) VALUES (new.id, new.title, new.dek, new.body);
END;
--> statement-breakpoint
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
--> statement-breakpoint

-- Comments, for staff: the text and the author's display name, every state
-- (removed and deleted too). Contentless with deletes, so a trigger needs only
-- the rowid to remove a row and the text is not stored twice.
CREATE VIRTUAL TABLE comments_fts USING fts5(
  body, author,
  content='', contentless_delete=1,
  tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER comments_fts_after_insert AFTER INSERT ON comments BEGIN
  INSERT INTO comments_fts(rowid, body, author)
  VALUES (new.id, new.body, coalesce((SELECT name FROM users WHERE id = new.author_id), ''));
END;
--> statement-breakpoint
CREATE TRIGGER comments_fts_after_delete AFTER DELETE ON comments BEGIN
  DELETE FROM comments_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
-- author_id changes when the author deletes their account (ON DELETE SET NULL fires this too).
CREATE TRIGGER comments_fts_after_update AFTER UPDATE OF body, author_id ON comments BEGIN
  DELETE FROM comments_fts WHERE rowid = old.id;
  INSERT INTO comments_fts(rowid, body, author)
  VALUES (new.id, new.body, coalesce((SELECT name FROM users WHERE id = new.author_id), ''));
END;
--> statement-breakpoint
CREATE TRIGGER comments_fts_after_author_rename AFTER UPDATE OF name ON users BEGIN
  DELETE FROM comments_fts WHERE rowid IN (SELECT id FROM comments WHERE author_id = new.id);
  INSERT INTO comments_fts(rowid, body, author) SELECT id, body, new.name FROM comments WHERE author_id = new.id;
END;
--> statement-breakpoint
INSERT INTO comments_fts(rowid, body, author)
SELECT c.id, c.body, coalesce(u.name, '') FROM comments c LEFT JOIN users u ON u.id = c.author_id;
--> statement-breakpoint

-- People, for staff: names and emails, no stemming. users has no integer key
-- (and VACUUM may renumber its implicit rowids), so the index keeps its own rows
-- with the user id beside them; an update or delete finds the row by that id.
CREATE VIRTUAL TABLE users_fts USING fts5(
  user_id UNINDEXED, name, email,
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
);
--> statement-breakpoint
CREATE TRIGGER users_fts_after_insert AFTER INSERT ON users BEGIN
  INSERT INTO users_fts(user_id, name, email) VALUES (new.id, new.name, new.email);
END;
--> statement-breakpoint
CREATE TRIGGER users_fts_after_delete AFTER DELETE ON users BEGIN
  DELETE FROM users_fts WHERE user_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER users_fts_after_update AFTER UPDATE OF id, name, email ON users BEGIN
  DELETE FROM users_fts WHERE user_id = old.id;
  INSERT INTO users_fts(user_id, name, email) VALUES (new.id, new.name, new.email);
END;
--> statement-breakpoint
INSERT INTO users_fts(user_id, name, email) SELECT id, name, email FROM users;
