// Parts of a page that load once its main content is on screen, so they never delay it.
import { mostRead } from "../api.js";
import { h } from "../dom.js";
import { rankedList } from "./cards.js";
import { errorLine, note } from "./states.js";

// Keeps its place and heading while `load(signal)` fetches the content; a failure is one
// quiet line, and the page around it stays as it was.
export function lateSection(className, heading, load) {
  const body = h("div", { "aria-busy": "true" }, note("جارٍ التحميل…"));
  return {
    section: h("section", { class: className }, h("h2", { class: "section-title" }, heading), body),
    async fill(signal) {
      try {
        body.replaceChildren(await load(signal));
      } catch (error) {
        if (!signal.aborted) body.replaceChildren(note(errorLine(error)));
      }
      body.removeAttribute("aria-busy");
    },
  };
}

// Of the whole site, or of one category (a slug).
export const mostReadSection = (category) => lateSection("most-read", "الأكثر قراءة", async (signal) => {
  const { items } = await mostRead(category, signal);
  return items.length ? rankedList(items) : note("لا قراءات مسجّلة بعد.");
});
