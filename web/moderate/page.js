// The moderation page (/moderate): the queue of comments by status, newest first, with the
// article each answers and what only moderators see (email, address); approve, spam, trash,
// delete; and the bans. Loaded only here, never by the reader's pages.
//
// The token is typed in and kept in sessionStorage: gone when the tab closes, never in a URL
// (its field has no name, so even a form sent without this script carries nothing), and sent
// only in the Authorization header.
import { call } from "../api.js";
import { h } from "../dom.js";
import { formatDateTime } from "../format.js";
import { articlePath } from "../paths.js";
import { COMMENTS, paragraphs } from "../views/comments.js";
import { pager } from "../views/pager.js";
import { errorLine, note } from "../views/states.js";

const KEY = "newsstore.moderator-token";
const STATUSES = { pending: "بانتظار المراجعة", approved: "مقبولة", spam: "مزعجة", trash: "في المهملات" };
const ACTIONS = [["approved", "قبول"], ["spam", "مزعج"], ["trash", "إلى المهملات"], ["pending", "إعادة إلى المراجعة"]];
const DONE = {
  approved: "قُبل التعليق.", spam: "عُدّ التعليق مزعجًا.", trash: "نُقل التعليق إلى المهملات.",
  pending: "أُعيد التعليق إلى المراجعة.", deleted: "حُذف التعليق.",
};

const stylesheet = h("link", { rel: "stylesheet", href: "/moderate/moderate.css" });

export function load() {
  if (!stylesheet.isConnected) document.head.append(stylesheet);
  const content = h("div", { class: "wrap narrow moderate" });
  const token = sessionStorage.getItem(KEY);
  if (token) content.append(...desk(token, content));
  else content.append(...signIn(content));
  return { title: "الإشراف على التعليقات", content };
}

const heading = () => h("h1", {}, "الإشراف على التعليقات");

function signIn(content, message) {
  const input = h("input", { id: "mod-token", type: "password", autocomplete: "off", required: true, dir: "ltr" });
  const status = h("p", { class: "field-error", role: "alert" }, message);
  const form = h("form", { class: "comment-form", method: "post", novalidate: true },
    h("p", { class: "field" }, h("label", { for: input.id }, "رمز الدخول"), input),
    h("p", { class: "note" }, "يبقى الرمز في هذه النافذة وحدها، ويُنسى عند إغلاقها."),
    h("button", { class: "button" }, "دخول"), status);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return void (status.textContent = "اكتب الرمز.");
    sessionStorage.setItem(KEY, token);
    content.replaceChildren(...desk(token, content));
  });
  return [heading(), form];
}

// The signed-in page. A 401 anywhere forgets the token and asks for it again.
function desk(token, content) {
  const api = (method, path, options) => call(method, path, { ...options, token }).catch((error) => {
    if (error.status === 401 && sessionStorage.getItem(KEY) === token) { // once, for calls made together
      sessionStorage.removeItem(KEY);
      content.replaceChildren(...signIn(content, "الرمز غير صحيح أو انتهت صلاحيته."));
    }
    throw error;
  });
  const live = h("p", { class: "mod-live", role: "status" });
  const bans = banSection(api, live);
  const queue = h("div", { "aria-busy": "true" });
  const filter = h("select", { id: "mod-status" },
    Object.entries(STATUSES).map(([value, label]) => h("option", { value }, label)));

  // One article's comments only (`?article=`), once a moderator asks from one of them.
  let article = null;
  const scope = h("p", { class: "mod-scope", hidden: true });
  const only = (chosen) => {
    article = chosen;
    scope.hidden = !chosen;
    if (chosen) {
      scope.replaceChildren(`تعليقات «${chosen.title}» وحدها `,
        h("button", { class: "link", type: "button", onclick: () => only(null) }, "كل المقالات"));
    }
    show();
  };

  let asked = 0; // the latest list asked for: an older answer arriving late is dropped
  async function show() {
    const mine = ++asked;
    queue.setAttribute("aria-busy", "true");
    const status = filter.value;
    const page = (cursor) => api("GET", "comments", { query: { status, article: article?.id, cursor } });
    try {
      const first = await page();
      if (mine !== asked) return;
      const list = h("ol", { class: "mod-list" });
      // The page cleared, the queue is asked for again: what came in meanwhile, or that it is empty.
      const gone = () => list.children.length || show();
      const render = (item) => queued(item, { api, live, bans, gone, only: !article && only });
      list.append(...first.items.map(render));
      queue.replaceChildren(first.items.length ? list : note("لا تعليقات هنا."),
        pager({ list, cursor: first.next_cursor, fetchPage: page, render, noun: COMMENTS }));
    } catch (error) {
      if (mine !== asked) return;
      if (error.status !== 401) queue.replaceChildren(note(errorLine(error)));
    }
    queue.removeAttribute("aria-busy");
  }
  filter.addEventListener("change", show);
  const signOut = () => {
    sessionStorage.removeItem(KEY);
    content.replaceChildren(...signIn(content));
  };
  show();
  bans.fill();
  return [
    h("div", { class: "mod-bar" }, heading(), h("button", { class: "button button-quiet", type: "button", onclick: signOut }, "خروج")),
    live,
    h("section", { class: "mod-queue" },
      h("h2", { class: "section-title" }, "التعليقات"),
      h("p", { class: "field" }, h("label", { for: filter.id }, "الحالة"), filter),
      scope,
      queue),
    bans.section,
  ];
}

// One comment of the queue; once moderated, it leaves the list (its status is no longer the
// one listed), and `gone()` is called. `only(article)`, when given, lists that article's alone.
function queued(item, { api, live, bans, gone, only }) {
  const status = h("p", { class: "note", role: "status" });
  const act = async (label, request) => {
    try {
      await request();
      live.textContent = label;
      element.remove();
      gone();
    } catch (error) {
      if (error.status !== 401) status.textContent = errorLine(error);
    }
  };
  const button = (text, onclick, className = "button button-quiet") => h("button", { class: className, type: "button", onclick }, text);
  const element = h("li", { class: "mod-item", tabindex: -1 },
    h("p", { class: "kicker" }, h("a", { href: articlePath(item.article.slug), target: "_blank" }, item.article.title)),
    item.body == null ? note("تعليق محذوف") : [
      h("p", { class: "comment-meta" },
        h("b", { dir: "auto" }, item.author_name),
        item.author_email && h("span", { dir: "ltr", class: "mod-email" }, item.author_email),
        item.client_address && h("span", { dir: "ltr", class: "mod-address" }, item.client_address),
        h("time", { datetime: item.created_at }, formatDateTime(item.created_at)),
        item.parent_id && h("span", {}, "ردّ على تعليق")),
      h("div", { class: "comment-body" }, paragraphs(item.body)),
    ],
    h("p", { class: "mod-actions" },
      ACTIONS.filter(([value]) => value !== item.status).map(([value, label]) => button(label, () =>
        act(DONE[value], () => api("PATCH", `comments/${item.id}`, { body: { status: value } })),
        value === "approved" ? "button" : undefined)),
      button("حذف", () => confirm("حذف هذا التعليق نهائيًا؟") &&
        act(DONE.deleted, () => api("DELETE", `comments/${item.id}`))),
      (item.client_address || item.author_email) && button("حظر المرسل", () => bans.prefill(item)),
      only && button("هذا المقال فقط", () => only(item.article))),
    status);
  return element;
}

// Bans by email or client address: the list, a form to add one, and removal.
function banSection(api, live) {
  const kind = h("select", { id: "ban-kind" }, h("option", { value: "address" }, "عنوان IP"), h("option", { value: "email" }, "بريد إلكتروني"));
  const value = h("input", { id: "ban-value", dir: "ltr", required: true });
  const reason = h("input", { id: "ban-reason", required: true });
  const expires = h("input", { id: "ban-expires", type: "date" });
  const status = h("p", { class: "field-error", role: "alert" });
  const list = h("ul", { class: "mod-list" });
  const field = (label, control) => h("p", { class: "field" }, h("label", { for: control.id }, label), control);
  const form = h("form", { class: "comment-form", novalidate: true },
    h("h3", {}, "حظر جديد"),
    field("النوع", kind), field("القيمة", value), field("السبب", reason), field("ينتهي في (اختياري)", expires),
    h("button", { class: "button" }, "احظر"), status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ban = { [kind.value]: value.value.trim(), reason: reason.value.trim() };
    if (expires.value) ban.expires_at = expires.value; // a date: the ban ends at 00:00 UTC that day
    try {
      await api("POST", "comment-bans", { body: ban });
      form.reset();
      status.textContent = "";
      live.textContent = "أُضيف الحظر.";
      fill();
    } catch (error) {
      if (error.status === 422) status.textContent = "تحقّق من القيمة والسبب وتاريخ الانتهاء.";
      else if (error.status !== 401) status.textContent = errorLine(error);
    }
  });
  const row = (ban) => {
    const element = h("li", { class: "mod-ban", tabindex: -1 },
      h("b", { dir: "ltr" }, ban.email ?? ban.address), " ", ban.reason,
      ban.expires_at && note(`حتى ${formatDateTime(ban.expires_at)}`),
      h("button", { class: "button button-quiet", type: "button", onclick: async () => {
        try {
          await api("DELETE", `comment-bans/${ban.id}`);
          live.textContent = "أُزيل الحظر.";
          fill();
        } catch (error) {
          if (error.status !== 401) live.textContent = errorLine(error);
        }
      } }, "إزالة"));
    return element;
  };
  const body = h("div");
  async function fill() {
    try {
      const { items } = await api("GET", "comment-bans"); // all of them: a ban list stays short
      list.replaceChildren(...items.map(row));
      body.replaceChildren(items.length ? list : note("لا حظر الآن."));
    } catch (error) {
      if (error.status !== 401) body.replaceChildren(note(errorLine(error)));
    }
  }
  return {
    section: h("section", { class: "mod-bans" }, h("h2", { class: "section-title" }, "الحظر"), body, form),
    fill,
    prefill(item) {
      kind.value = item.client_address ? "address" : "email";
      value.value = item.client_address ?? item.author_email;
      reason.focus();
    },
  };
}
