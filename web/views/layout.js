// What surrounds <main> on every page: the site's name, today's date, the sections bar and
// the search box; in <head>, the page's title, description and canonical address.
import config from "../config.js";
import { listCategories } from "../api.js";
import { h } from "../dom.js";
import { formatDate } from "../format.js";
import { categoryPath } from "../paths.js";

const $ = (selector) => document.querySelector(selector);
// The server writes a page's title, description and canonical link into the shell it sends
// (share previews); in-page navigation keeps them current, reusing the server's elements. The
// shell itself has no canonical link: it is every page's. The site's own description is a
// setting, since the served one may be an article's summary.
const canonical = $("link[rel=canonical]") ?? h("link", { rel: "canonical" });
const description = $("meta[name=description]") ?? document.head.appendChild(h("meta", { name: "description" }));
const sectionsBar = $("[data-sections]");
// Pages search engines must not index (a preview link's) carry robots "noindex"; the server
// writes it into such a page's shell, and navigation keeps it on those pages alone.
const robots = $("meta[name=robots]") ?? h("meta", { name: "robots", content: "noindex" });

export function initLayout() {
  for (const element of document.querySelectorAll("[data-site-name]")) element.textContent = config.siteName;
  const today = $("[data-today]");
  const now = new Date();
  today.dateTime = now.toISOString().slice(0, 10);
  today.textContent = formatDate(now);
}

// `path`: the page's canonical address. Pages without one (errors, previews) get no
// canonical link. `noindex`: the page must stay out of search engines.
export function setPageMeta({ title, summary, path, noindex }) {
  document.title = title ? `${title} — ${config.siteName}` : config.siteName;
  description.content = summary || config.siteDescription;
  if (path) document.head.append(Object.assign(canonical, { href: new URL(path, location.origin).href }));
  else canonical.remove();
  if (noindex) document.head.append(robots);
  else robots.remove();
  $("[data-search-box]").value = location.pathname === "/search" ? new URLSearchParams(location.search).get("q") : "";
}

// Categories change rarely: one request serves the sections bar and the home page for the
// whole visit. A failure is forgotten, so that the next page asks again.
let categoriesRequest;
export const categories = () => (categoriesRequest ??= listCategories().then((page) => page.items, (error) => {
  categoriesRequest = null;
  throw error;
}));

// Called once a page is on screen, so the bar never delays it. `sectionPath` is the section
// the page belongs to (an article's category), marked as current.
let currentSection;
export async function showSections(sectionPath) {
  currentSection = sectionPath; // when categories arrive, the reader may be on another page
  if (sectionsBar.children.length === 1) {
    const items = await categories().catch(() => []); // the bar keeps its home link meanwhile
    if (sectionsBar.children.length === 1) {
      sectionsBar.append(...items.map((c) => h("li", {}, h("a", { href: categoryPath(c.slug) }, c.name))));
    }
  }
  for (const link of sectionsBar.querySelectorAll("a")) {
    const current = link.pathname === location.pathname ? "page" : link.pathname === currentSection && "true";
    if (current) link.setAttribute("aria-current", current);
    else link.removeAttribute("aria-current");
  }
}
