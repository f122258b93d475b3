// "المزيد": the next page of a cursor-paged listing, appended to the list on screen.
import { h } from "../dom.js";
import { ARTICLES, countOf } from "../format.js";
import { errorLine } from "./states.js";

// `list` shows the first page, whose next_cursor is `cursor`; `fetchPage(cursor)` answers the
// next { items, next_cursor }; `render(item)` makes a list item. Or `add(items)` puts a page's
// items where they belong (a reply under its comment) and answers their elements. `noun`
// counts them (forms as in format.js). The status line is a live region, so screen readers
// hear what arrived; focus goes to the first new item, where a keyboard reader carries on.
export function pager({ list, cursor, fetchPage, render, noun = ARTICLES, label = "المزيد",
  add = (items) => { const added = items.map(render); list.append(...added); return added; } }) {
  const button = h("button", { class: "button more", type: "button", hidden: !cursor }, label);
  const status = h("p", { class: "pager-status", role: "status" });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const page = await fetchPage(cursor);
      const items = add(page.items);
      cursor = page.next_cursor;
      status.textContent = `تم تحميل ${countOf(items.length, noun)}.${cursor ? "" : " لا مزيد."}`;
      (items[0]?.querySelector(".card-title a") ?? items[0])?.focus();
    } catch (error) {
      status.textContent = errorLine(error);
    }
    button.disabled = false;
    button.hidden = !cursor;
  });
  return h("div", { class: "pager" }, button, status);
}
