// The reader's entry: routes an address to its page and renders it into <main>, and keeps
// navigation (links, the search form, back and forward) inside the page, without reloads.
import { ApiError } from "./api.js";
import { searchPath } from "./paths.js";
import * as article from "./views/article.js";
import * as home from "./views/home.js";
import { initLayout, setPageMeta, showSections } from "./views/layout.js";
import { category, tag } from "./views/listing.js";
import * as search from "./views/search.js";
import { errorPage } from "./views/states.js";

// Loaded when opened: readers never download the moderators' page.
const moderate = { load: (context) => import("./moderate/page.js").then((page) => page.load(context)) };
// A preview link's page, loaded when opened too. Every page at a preview address, its errors
// included, stays out of search engines.
const preview = {
  load: (context) => import("./views/preview.js").then((page) => page.load(context)),
  missing: "رابط المعاينة غير صحيح",
  noindex: true,
};

// The addresses the server answers with this shell (index.html), and their pages. A page's
// load({ params, url, signal }) answers { title, summary, path, section, content, after }.
const routes = [
  [/^\/$/, home],
  [/^\/articles\/([^/]+)$/, article],
  [/^\/categories\/([^/]+)$/, category],
  [/^\/tags\/([^/]+)$/, tag],
  [/^\/search$/, search],
  [/^\/moderate$/, moderate],
  [/^\/preview\/([^/]+)$/, preview],
];
const notFound = { load: () => Promise.reject(new ApiError(404)) };

function resolve(pathname) {
  for (const [pattern, page] of routes) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    try {
      return { page, params: { slug: match[1] && decodeURIComponent(match[1]) } };
    } catch {
      return { page: notFound }; // a malformed %-escape
    }
  }
  return null;
}

const main = document.getElementById("main");
let loading; // the AbortController of the latest page asked for

// Loads and shows the page at `url`. A newer call aborts an older one's requests, so a slow
// answer never replaces the page the reader went on to. Then scrolls to `scroll`, and with
// `focus` moves focus to the new heading, so that screen readers announce the new page.
async function show(url, { scroll = 0, focus = false } = {}) {
  loading?.abort();
  const { signal } = (loading = new AbortController());
  const { page, params } = resolve(url.pathname) ?? { page: notFound };
  document.documentElement.classList.add("is-loading");
  main.setAttribute("aria-busy", "true");
  const view = await page.load({ params, url, signal }).catch((error) =>
    signal.aborted ? null : errorPage(error, { missing: page.missing, retry: () => show(url, { focus: true }) }));
  if (signal.aborted) return;

  main.replaceChildren(view.content);
  main.removeAttribute("aria-busy");
  document.documentElement.classList.remove("is-loading");
  setPageMeta({ ...view, noindex: page.noindex });
  performance.mark("reader:rendered"); // the page's own content is on screen (for measuring)
  if (focus) {
    const heading = main.querySelector("h1");
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
  scrollTo(0, scroll);
  showSections(view.section);
  view.after?.(signal);
}

function navigate(href) {
  history.replaceState({ ...history.state, scroll: scrollY }, ""); // for the back button
  if (href !== location.href) history.pushState(null, "", href);
  show(new URL(href), { focus: true });
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href]");
  if (!link || event.defaultPrevented || event.button) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return; // a new tab or window
  if (link.target || link.origin !== location.origin || !resolve(link.pathname)) return; // not one of our pages
  if (link.hash && link.pathname === location.pathname && link.search === location.search) return; // in-page
  event.preventDefault();
  navigate(link.href);
});

document.addEventListener("submit", (event) => {
  if (!event.target.matches("[data-search]")) return;
  event.preventDefault();
  navigate(new URL(searchPath(new FormData(event.target).get("q").trim()), location.origin).href);
});

addEventListener("popstate", () => show(new URL(location.href), { scroll: history.state?.scroll, focus: true }));

// Scroll positions are restored from history.state once the page's content is back: the
// browser's own restoring would scroll before it has loaded.
history.scrollRestoration = "manual";
initLayout();
show(new URL(location.href), { scroll: history.state?.scroll });
