-- Stored JSON (body, hero, tags_json, sources_json) is sent out verbatim inside answers. The
-- JSON writer now escapes <, >, &, U+2028 and U+2029 (as \u003c, \u003e, \u0026, \u2028,
-- \u2029) so that every answer is safe to inline in an HTML page; rows written before keep
-- them raw. Outside strings JSON text holds none of these characters, so replacing each with
-- its escape changes no value: a reader decodes the same article, now with the same bytes a
-- fresh write would store. Only rows holding one of them are rewritten (and re-indexed).
UPDATE articles SET
    body = replace(replace(replace(replace(replace(body,
        '<', '\u003c'), '>', '\u003e'), '&', '\u0026'), char(8232), '\u2028'), char(8233), '\u2029'),
    hero = replace(replace(replace(replace(replace(hero,
        '<', '\u003c'), '>', '\u003e'), '&', '\u0026'), char(8232), '\u2028'), char(8233), '\u2029'),
    tags_json = replace(replace(replace(replace(replace(tags_json,
        '<', '\u003c'), '>', '\u003e'), '&', '\u0026'), char(8232), '\u2028'), char(8233), '\u2029'),
    sources_json = replace(replace(replace(replace(replace(sources_json,
        '<', '\u003c'), '>', '\u003e'), '&', '\u0026'), char(8232), '\u2028'), char(8233), '\u2029')
WHERE (coalesce(body, '') || coalesce(hero, '') || tags_json || sources_json) GLOB ('*[<>&' || char(8232) || char(8233) || ']*');
