-- Full-text search over articles: title, summary and the body's text, analyzed for Arabic by
-- the server's own tokenizer (`newsstore_arabic`, registered on every connection the server
-- opens; see Sources/NewsStore/Search). The index holds its own copy of the text so that
-- snippet() can cut excerpts from it; the body is indexed as plain text, not as stored JSON.
--
-- Every article is indexed, whatever its status: visibility is decided when searching, by
-- joining `articles`, exactly as the listings decide it. The triggers keep the index equal to
-- the articles in the same transaction as every write; the last statement indexes the
-- articles that existed before this migration.
--
-- A plain `sqlite3` shell cannot read this table (it lacks the tokenizer); everything else in
-- the file stays readable.

CREATE VIRTUAL TABLE article_search USING fts5 (title, summary, body, tokenize = 'newsstore_arabic');

CREATE TRIGGER article_search_insert AFTER INSERT ON articles
BEGIN
    INSERT INTO article_search (rowid, title, summary, body)
    VALUES (NEW.id, NEW.title, coalesce(NEW.summary, ''), newsstore_body_text(NEW.body));
END;

CREATE TRIGGER article_search_update AFTER UPDATE OF title, summary, body ON articles
BEGIN
    UPDATE article_search
    SET title = NEW.title, summary = coalesce(NEW.summary, ''), body = newsstore_body_text(NEW.body)
    WHERE rowid = NEW.id;
END;

CREATE TRIGGER article_search_delete AFTER DELETE ON articles
BEGIN
    DELETE FROM article_search WHERE rowid = OLD.id;
END;

INSERT INTO article_search (rowid, title, summary, body)
SELECT id, title, coalesce(summary, ''), newsstore_body_text(body) FROM articles;
