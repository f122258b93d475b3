// The front page: the latest articles, the newest as the lead story; most read; the sections
// with their article counts.
import config from "../config.js";
import { listArticles } from "../api.js";
import { h } from "../dom.js";
import { ARTICLES, countOf } from "../format.js";
import { categoryPath } from "../paths.js";
import { card, cardItem, cardList } from "./cards.js";
import { lateSection, mostReadSection } from "./late.js";
import { categories } from "./layout.js";
import { pager } from "./pager.js";
import { note } from "./states.js";

export async function load({ signal }) {
  const first = await listArticles({}, null, signal);
  const [lead, ...rest] = first.items;
  const list = cardList("cards-grid", rest.map((article) => cardItem(article)));
  const mostRead = mostReadSection();
  const sections = lateSection("section-index", "الأقسام", async () =>
    h("ul", {}, (await categories()).map((c) =>
      h("li", {}, h("a", { href: categoryPath(c.slug) }, c.name), note(countOf(c.article_count, ARTICLES))))));
  return {
    path: "/",
    content: h("div", { class: "wrap columns" },
      h("h1", { class: "visually-hidden" }, config.siteName),
      h("section", {},
        h("h2", { class: "section-title" }, "آخر الأخبار"),
        lead ? [
          card(lead, { variant: "card-lead" }),
          list,
          pager({
            list,
            cursor: first.next_cursor,
            render: (article) => cardItem(article),
            fetchPage: (cursor) => listArticles({}, cursor, signal),
          }),
        ] : note("لا أخبار منشورة بعد.")),
      h("aside", { class: "rail" }, mostRead.section, sections.section)),
    after(afterSignal) {
      mostRead.fill(afterSignal);
      sections.fill(afterSignal);
    },
  };
}
