// The article's comments, each top one with its replies, a page at a time, and the form for a
// comment or a reply, which says what became of it. Names and bodies go in as text only.
// Loaded once the article is on screen, so a page's first render never waits for it.
import { listComments, postComment } from "../api.js";
import { h } from "../dom.js";
import { formatDateTime, formatNumber } from "../format.js";
import { pager } from "./pager.js";
import { errorLine, note } from "./states.js";

export const COMMENTS = { zero: "لا تعليقات", one: "تعليق واحد", two: "تعليقان", few: "# تعليقات", many: "# تعليقًا", other: "# تعليق" };
const CLOSED = "التعليقات مغلقة على هذا المقال.";
// A 422's field errors by JSON pointer, in Arabic (the server's details are English).
const INVALID = {
  author_name: `اكتب اسمك، ${formatNumber(80)} حرفًا على الأكثر.`,
  author_email: "اكتب عنوان بريد صحيحًا، أو اترك الحقل فارغًا.",
  body: `اكتب تعليقك، ${formatNumber(5000)} حرف على الأكثر.`,
};

// Blank lines separate paragraphs; CSS keeps a single line break. Each paragraph takes the
// direction of its first letter, so a Latin one reads left to right, brackets unmirrored.
export const paragraphs = (body) => body.split(/\n\s*\n/).map((text) => h("p", { dir: "auto" }, text.trim()));

// Fills the article page's `section`, then loads the first page of comments (the section is
// aria-busy until this is done).
export async function showComments(section, article, signal) {
  const open = article.comments !== "closed";
  const list = h("ol", {});
  const empty = note(open ? "لا تعليقات بعد. كن أول من يعلّق." : "لا تعليقات.");
  const threads = new Map(); // a top comment's id → its replies' list
  const form = open && commentForm(article.id, (item) => add([item])[0]);
  const add = (items) => items.map((item) => {
    const top = !item.parent_id;
    const replies = top && h("ol", { class: "replies" });
    const element = h("li", { class: "comment", tabindex: -1 },
      h("article", {}, item.deleted ? note("تعليق محذوف") : [
        h("p", { class: "comment-meta" }, h("b", { dir: "auto" }, item.author_name),
          h("time", { datetime: item.created_at }, formatDateTime(item.created_at))),
        h("div", { class: "comment-body" }, paragraphs(item.body)),
        form && top && h("button", { class: "link", type: "button", onclick: () => form.replyTo(item, element) }, "ردّ")]),
      replies);
    if (top) threads.set(item.id, replies);
    (threads.get(item.parent_id) ?? list).append(element); // a reply to a comment not shown stands alone
    empty.hidden = true;
    return element;
  });
  const body = h("div", {}, note("جارٍ التحميل…"));
  section.replaceChildren(
    h("h2", { class: "section-title" }, "التعليقات"),
    body,
    form ? form.element : h("p", { class: "closed" }, CLOSED));
  const page = (cursor) => listComments(article.id, cursor, signal);
  try {
    const first = await page();
    add(first.items);
    body.replaceChildren(list, empty, pager({ cursor: first.next_cursor, fetchPage: page, add, noun: COMMENTS }));
  } catch (error) {
    if (!signal.aborted) body.replaceChildren(note(errorLine(error)));
  }
}

// `shown(item)` lists a comment the API approved at once, and answers its element.
function commentForm(id, shown) {
  const fields = [
    ["author_name", "الاسم", h("input", { id: "c-name", maxlength: 80, required: true, autocomplete: "name" })],
    ["author_email", "البريد الإلكتروني (اختياري، لا يُنشر)",
      h("input", { id: "c-email", type: "email", dir: "ltr", autocomplete: "email" })],
    ["body", "التعليق", h("textarea", { id: "c-body", rows: 5, maxlength: 5000, required: true })],
  ].map(([name, label, control]) => {
    const error = h("p", { class: "field-error", id: `${control.id}-error`, hidden: true });
    control.setAttribute("aria-describedby", error.id);
    return { name, control, error, element: h("p", { class: "field" }, h("label", { for: control.id }, label), control, error) };
  });
  const [name, email, text] = fields.map((f) => f.control);
  const replying = h("p", { class: "replying", hidden: true });
  const submit = h("button", { class: "button" }, "أرسل التعليق");
  const status = h("p", { role: "status" });
  const element = h("form", { class: "comment-form", novalidate: true, onsubmit: send },
    h("h3", {}, "أضف تعليقًا"), replying, fields.map((f) => f.element), submit, status);
  const home = h("div", {}, element); // where the form stays when it answers no comment
  let parent = null;

  // Moves the form under the comment it answers; with null, back under the list.
  function replyTo(item, commentElement) {
    parent = item;
    replying.hidden = !item;
    if (!item) return home.append(element);
    replying.replaceChildren(`ردًّا على ${item.author_name} `,
      h("button", { class: "link", type: "button", onclick: () => replyTo(null) }, "إلغاء"));
    commentElement.append(element);
    text.focus();
  }

  function showErrors(errors) {
    for (const f of fields) {
      f.error.hidden = !errors[f.name];
      f.error.textContent = errors[f.name] ?? "";
      f.control.toggleAttribute("aria-invalid", !f.error.hidden);
    }
    fields.find((f) => errors[f.name])?.control.focus();
  }

  async function send(event) {
    event.preventDefault();
    const comment = {
      author_name: name.value.trim(), author_email: email.value.trim() || undefined, body: text.value, parent_id: parent?.id,
    };
    const errors = {};
    let wait = 0;
    submit.disabled = true;
    status.textContent = "جارٍ الإرسال…";
    try {
      const answer = await postComment(id, comment);
      text.value = "";
      replyTo(null);
      if (answer.status === "approved") shown({ ...comment, ...answer, created_at: new Date().toISOString() }).focus();
      status.textContent = answer.status === "approved"
        ? "نُشر تعليقك." : "شكرًا لك. تعليقك بانتظار المراجعة، وسيظهر هنا بعد موافقة المحرّر.";
    } catch (error) {
      status.textContent = errorLine(error);
      if (error.status === 422) {
        for (const { pointer } of error.errors) errors[pointer.slice(1)] = INVALID[pointer.slice(1)] ?? pointer;
        status.textContent = errors.parent_id ? "لم يعد التعليق الذي تردّ عليه متاحًا." : "راجع الحقول المعلَّمة.";
        if (errors.parent_id) replyTo(null);
      } else if (error.status === 409) {
        errors.body = "أرسلت هذا التعليق نفسه قبل قليل.";
        status.textContent = "";
      } else if (error.status === 403) { // closed, or a ban: the reader hears the same
        replyTo(null);
        for (const reply of home.closest(".comments").querySelectorAll(".comment .link")) reply.remove();
        element.replaceWith(h("p", { class: "closed", role: "status" }, CLOSED));
      } else if (error.status === 429) {
        wait = (error.retryAfter ?? 60) * 1000;
      }
    }
    showErrors(errors);
    setTimeout(() => { submit.disabled = false; }, wait);
  }

  return { element: home, replyTo };
}
