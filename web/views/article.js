// The article page. Its first render takes one request, the article's detail, which carries
// the category, tags, sources and related articles; most read, the view count and the
// comments (their code too) follow once the article is on screen.
import { countView, getArticle } from "../api.js";
import { h, webURL } from "../dom.js";
import { formatDateTime } from "../format.js";
import { articlePath, categoryPath, tagPath } from "../paths.js";
import { cardItem, cardList, picture } from "./cards.js";
import { mostReadSection } from "./late.js";
import { shareBar } from "./share.js";
import { errorLine, note } from "./states.js";

export const missing = "لم نعثر على هذا المقال";

export async function load({ params, signal }) {
  return articlePage(await getArticle(params.slug, signal));
}

// The page of `article`. With `preview` (a preview link's page, see preview.js) it is the page
// the article will have once published, less what only a public article has: no view is
// counted, no comments load, and the page has no canonical address of its own.
export function articlePage(article, { preview = false } = {}) {
  const path = articlePath(article.slug);
  const mostRead = mostReadSection();
  const comments = !preview && h("section", { class: "comments", "aria-busy": "true" });
  return {
    title: article.title,
    summary: article.summary,
    path: preview ? null : path,
    section: article.category && categoryPath(article.category.slug),
    content: h("div", { class: "wrap columns" },
      h("div", {},
        story(article, new URL(path, location.origin).href),
        comments,
        article.related.length > 0 && h("section", { class: "related" },
          h("h2", { class: "section-title" }, "اقرأ أيضًا"),
          cardList("cards-grid", article.related.map((item) => cardItem(item, { variant: "card-compact" }))))),
      h("aside", { class: "rail" }, mostRead.section)),
    after(signal) {
      mostRead.fill(signal);
      if (preview) return;
      // Asked for by an old slug (the server redirected) or by id: show the current address.
      if (location.pathname !== path) history.replaceState(history.state, "", path);
      countView(article.id);
      import("./comments.js").then((module) => module.showComments(comments, article, signal),
        (error) => comments.replaceChildren(note(errorLine(error)))).finally(() => comments.removeAttribute("aria-busy"));
    },
  };
}

const story = (article, url) => h("article", { class: "story" },
  h("header", {},
    article.category && h("a", { class: "kicker", href: categoryPath(article.category.slug) }, article.category.name),
    h("h1", {}, article.title),
    article.summary && h("p", { class: "standfirst" }, article.summary),
    h("p", { class: "byline" },
      article.author && h("span", { class: "author" }, `بقلم ${article.author}`),
      article.published_at && h("time", { datetime: article.published_at }, formatDateTime(article.published_at))),
    shareBar(url, article.title)),
  article.hero && figure(article.hero, true),
  h("div", { class: "story-body" }, article.body.map(block)),
  h("footer", { class: "story-foot" },
    article.sources.length > 0 && h("section", { class: "sources" },
      h("h2", {}, "المصادر"),
      h("ul", {}, article.sources.map(source))),
    article.tags.length > 0 && h("section", { class: "tags" },
      h("h2", {}, "الوسوم"),
      h("ul", {}, article.tags.map((tag) => h("li", {}, h("a", { href: tagPath(tag.slug) }, tag.name)))))));

function block(item) {
  switch (item.type) {
    case "paragraph": return h("p", {}, item.text);
    case "heading": return h(`h${Math.min(Math.max(item.level, 2), 4)}`, {}, item.text);
    case "quote": return h("blockquote", { class: "pull-quote" }, h("p", {}, item.text));
    case "list": return h(item.ordered ? "ol" : "ul", {}, item.items.map((text) => h("li", {}, text)));
    case "image": return figure(item);
    default: return null; // a kind of block newer than this reader: left out, not guessed at
  }
}

const figure = (image, eager) => h("figure", {},
  picture(image, eager),
  (image.caption || image.credit) &&
    h("figcaption", {}, image.caption, image.credit && h("span", { class: "credit" }, image.credit)));

const RELATIONS = { reported_by: "نقلًا عن", quoted: "اقتباسًا من" };

const source = ({ name, url, relation }) => h("li", {},
  RELATIONS[relation] && `${RELATIONS[relation]} `,
  webURL(url) ? h("a", { href: url, rel: "external noopener" }, name) : name);
