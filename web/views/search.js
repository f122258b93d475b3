// The search page: its form, then the hits with the matched words marked, a page at a time.
import { search } from "../api.js";
import { h, highlighted } from "../dom.js";
import { searchPath } from "../paths.js";
import { cardItem, cardList } from "./cards.js";
import { pager } from "./pager.js";
import { note } from "./states.js";

export async function load({ url, signal }) {
  const q = url.searchParams.get("q")?.trim() ?? "";
  const page = (...content) => ({
    title: q ? `بحث: ${q}` : "البحث",
    path: searchPath(q),
    content: h("div", { class: "wrap narrow" },
      h("header", { class: "page-head" },
        h("h1", {}, q ? `نتائج البحث عن «${q}»` : "البحث"),
        h("form", { class: "search-form search-form-large", role: "search", action: "/search", "data-search": true },
          h("label", { for: "search-q", class: "visually-hidden" }, "ابحث في الأخبار"),
          h("input", {
            id: "search-q", name: "q", type: "search", value: q, placeholder: "كلمات، أو «عبارة»، أو بادئة*",
          }),
          h("button", { class: "button" }, "ابحث"))),
      content),
  });
  if (!q) return page(note("اكتب كلمة أو أكثر للبحث في الأخبار المنشورة."));

  // 400: nothing searchable in the query (only punctuation, say): as good as no hits.
  const first = await search(q, null, signal).catch((error) => {
    if (error.status === 400) return { items: [] };
    throw error;
  });
  if (!first.items.length) {
    return page(h("div", { class: "state state-empty" },
      h("h2", {}, "لا نتائج"),
      h("p", {}, `لم نجد مقالات تطابق «${q}». تأكّد من الإملاء، أو جرّب كلمات أقل، أو ابحث ببادئة الكلمة مثل: سوري*`)));
  }
  const render = (hit) => cardItem(hit, {
    variant: "card-row", level: 2, title: highlighted(hit.title_html), summary: highlighted(hit.snippet_html),
  });
  const list = cardList("cards-rows results", first.items.map(render));
  const more = pager({ list, cursor: first.next_cursor, render, fetchPage: (cursor) => search(q, cursor, signal) });
  return page(list, more);
}
