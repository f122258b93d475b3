-- Full-text search over articles: title, summary and the body's text, analyzed for Arabic by
-- the server's own tokenizer (`newsstore_arabic`, registered on every connection the server
-- opens; see Sources/NewsStore/Search).
--
-- The index stores no copy of the text: its content is the view below, which reads the
-- articles and turns each stored body (JSON blocks) into plain text with the server's
-- `newsstore_body_text()`. snippet() and highlight() read the text from the view for the
-- few hits they are asked about. A copy would double the file for a news archive.
--
-- Every article is indexed, whatever its status: visibility is decided when searching, by
-- joining `articles`, exactly as the listings decide it. The triggers keep the index equal to
-- the articles in the same transaction as every write (an external-content index must be
-- told the old text to remove it); the last statement indexes the articles that existed
-- before this migration.
--
-- A plain `sqlite3` shell cannot read these (it lacks the tokenizer and the function);
-- everything else in the file stays readable.

CREATE VIEW article_search_content AS
SELECT id, title, coalesce(summary, '') AS summary, newsstore_body_text(body) AS body FROM articles;

CREATE VIRTUAL TABLE article_search USING fts5 (
    title, summary, body,
    content = 'article_search_content', content_rowid = 'id', tokenize = 'newsstore_arabic'
);

-- What a search checks of every hit before ranking it (visibility, time, category), in an
-- index of a few hundred kilobytes that stays cached: reading it instead of the articles
-- themselves spares a random read of a large table per hit, most of a common word's cost.
CREATE INDEX articles_search_filter ON articles (id, status, sort_at, category_id);

CREATE TRIGGER article_search_insert AFTER INSERT ON articles
BEGIN
    INSERT INTO article_search (rowid, title, summary, body)
    VALUES (NEW.id, NEW.title, coalesce(NEW.summary, ''), newsstore_body_text(NEW.body));
END;

CREATE TRIGGER article_search_update AFTER UPDATE OF title, summary, body ON articles
BEGIN
    INSERT INTO article_search (article_search, rowid, title, summary, body)
    VALUES ('delete', OLD.id, OLD.title, coalesce(OLD.summary, ''), newsstore_body_text(OLD.body));
    INSERT INTO article_search (rowid, title, summary, body)
    VALUES (NEW.id, NEW.title, coalesce(NEW.summary, ''), newsstore_body_text(NEW.body));
END;

CREATE TRIGGER article_search_delete AFTER DELETE ON articles
BEGIN
    INSERT INTO article_search (article_search, rowid, title, summary, body)
    VALUES ('delete', OLD.id, OLD.title, coalesce(OLD.summary, ''), newsstore_body_text(OLD.body));
END;

INSERT INTO article_search (article_search) VALUES ('rebuild');
