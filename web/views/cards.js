// Article teasers, as listings show them.
import { h, webURL } from "../dom.js";
import { formatDate, formatNumber } from "../format.js";
import { articlePath, categoryPath } from "../paths.js";

// When an image host fails, the frame keeps its place with a plain background instead of a
// broken-image icon.
export const picture = (image, eager) => webURL(image.url) && h("img", {
  src: image.url,
  alt: image.alt ?? "",
  loading: eager ? "eager" : "lazy",
  onerror: (event) => event.target.classList.add("is-broken"),
});

// `variant`: "" (a tile), "card-lead" (the top story), "card-row" (a listing's row) or
// "card-compact" (no summary). `title` and `summary` stand in for the article's own (search
// marks); `level` is the title's heading level. The title's link is the card's one link,
// stretched over it in CSS.
export function card(article, { variant = "", title = article.title, summary = article.summary, level = 3 } = {}) {
  return h("article", { class: `card ${variant}` },
    article.hero && h("div", { class: "card-media" }, picture(article.hero, variant === "card-lead")),
    h("div", { class: "card-text" },
      article.category &&
        h("a", { class: "kicker", href: categoryPath(article.category.slug) }, article.category.name),
      h(`h${level}`, { class: "card-title" }, h("a", { href: articlePath(article.slug) }, title)),
      variant !== "card-compact" && summary && h("p", { class: "card-summary" }, summary),
      article.published_at &&
        h("time", { class: "date", datetime: article.published_at }, formatDate(article.published_at))));
}

export const cardItem = (article, options) => h("li", {}, card(article, options));
// `layout`: "cards-grid" (tiles) or "cards-rows" (a listing).
export const cardList = (layout, items) => h("ul", { class: `cards ${layout}` }, items);

// Most read. The list numbers its items for screen readers; the visible rank is decoration.
export const rankedList = (articles) => h("ol", { class: "ranked" }, articles.map((article, i) =>
  h("li", {},
    h("span", { class: "rank", "aria-hidden": "true" }, formatNumber(i + 1)),
    h("a", { href: articlePath(article.slug) }, article.title))));
