-- Prefix queries (`word*`, at least three letters: see SearchTerms.minimumPrefixLength) read
-- ready lists instead of merging the lists of every word that begins alike.
--
-- Without a prefix index, FTS5 answers `"الح"*` by reading and merging, before the first row,
-- the positions of every indexed term that begins with الح: on 20,000 articles, thousands of
-- terms and most of the archive, for every prefix and every statement that asks. With one, a
-- prefix of the configured length is one more term of the index, read lazily, newest first,
-- so a search stops reading where its ranking window ends (SearchRepository.rankingWindow).
--
-- FTS5 uses a prefix index only for a prefix of exactly its length, in characters. A query
-- prefix P asks for two terms (SearchTerms): its keys `"P"*` and its marked surfaces `"=P"*`,
-- one character longer. So '3 4' serves the shortest prefixes readers may type, three
-- letters, on both sides, and the keys of four-letter prefixes; longer prefixes match fewer
-- words and are cheap enough merged.
--
-- The price is space: on the 20,000-article bench archive the index grows from 49 to 121 MB
-- (the file from 155 to 230 MB), and this migration takes about 10 s there. '4' alone would
-- cost 35 MB and serve the surfaces, but leave the keys of three-letter prefixes to be
-- merged whole, a cost that grows with the archive (60 ms for مست* at 20,000 articles).
--
-- The index options cannot be changed in place: the table is made again, with the same
-- columns, content view and tokenizer as 0002 made it, and filled from the articles. The
-- triggers of 0002 name the table, not its options, and keep it in step as before.

DROP TABLE article_search;

CREATE VIRTUAL TABLE article_search USING fts5 (
    title, summary, body,
    content = 'article_search_content', content_rowid = 'id', tokenize = 'newsstore_arabic', prefix = '3 4'
);

INSERT INTO article_search (article_search) VALUES ('rebuild');
