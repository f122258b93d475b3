// A category's or a tag's page: its articles, newest first, a page at a time.
import { getCategory, getTag, listArticles } from "../api.js";
import { h } from "../dom.js";
import { ARTICLES, countOf } from "../format.js";
import { categoryPath, tagPath } from "../paths.js";
import { cardItem, cardList } from "./cards.js";
import { mostReadSection } from "./late.js";
import { pager } from "./pager.js";
import { note } from "./states.js";

export const category = {
  missing: "لم نعثر على هذا القسم",
  load: ({ params: { slug }, signal }) =>
    listing(getCategory(slug, signal), { category: slug }, categoryPath(slug), "قسم", signal),
};

export const tag = {
  missing: "لم نعثر على هذا الوسم",
  load: ({ params: { slug }, signal }) =>
    listing(getTag(slug, signal), { tag: slug }, tagPath(slug), "وسم", signal),
};

async function listing(term, filter, path, kind, signal) {
  const [{ name, description, article_count: count }, first] =
    await Promise.all([term, listArticles(filter, null, signal)]);
  const render = (article) => cardItem(article, { variant: "card-row", level: 2 });
  const list = cardList("cards-rows", first.items.map(render));
  const mostRead = mostReadSection(filter.category);
  return {
    title: name,
    summary: description,
    path,
    section: filter.category && path,
    content: h("div", { class: "wrap columns" },
      h("div", {},
        h("header", { class: "page-head" },
          h("p", { class: "kicker" }, kind),
          h("h1", {}, name),
          description && h("p", { class: "standfirst" }, description),
          note(countOf(count, ARTICLES))),
        first.items.length ? list : note("لا مقالات منشورة هنا بعد."),
        pager({
          list,
          cursor: first.next_cursor,
          render,
          fetchPage: (cursor) => listArticles(filter, cursor, signal),
        })),
      h("aside", { class: "rail" }, mostRead.section)),
    after: mostRead.fill,
  };
}
