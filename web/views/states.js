// What a reader sees instead of content: not found, offline, too many requests, server trouble.
import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { countOf } from "../format.js";

const SECONDS = {
  one: "ثانية واحدة", two: "ثانيتين", few: "# ثوانٍ", many: "# ثانية", other: "# ثانية",
};

// `missing` names what a 404 did not find ("لم نعثر على هذا المقال").
function describe(error, missing = "الصفحة غير موجودة") {
  // Anything but a failed API call (or an abort: the reader moved on) is a bug in the
  // reader: leave its developers a trace.
  if (!(error instanceof ApiError) && error.name !== "AbortError") console.error(error);
  const { status, retryAfter } = error;
  if (status === 404) {
    return { kind: "not-found", title: missing,
      text: "ربما نُقل أو حُذف، أو أن الرابط غير صحيح. جرّب البحث أو عُد إلى الصفحة الرئيسية." };
  }
  if (status === 410) {
    return { kind: "gone", title: "انتهت صلاحية هذا الرابط",
      text: "رابط المعاينة هذا انتهت مدته أو أُلغي. اطلب رابطًا جديدًا ممن أرسله إليك." };
  }
  if (status === 429) {
    return { kind: "busy", title: "طلبات كثيرة",
      text: `وصلتنا طلبات كثيرة في وقت قصير. أعد المحاولة بعد ${countOf(retryAfter ?? 60, SECONDS)}.` };
  }
  if (status === 0) {
    return { kind: "offline", title: "تعذّر الاتصال",
      text: "لم نتمكن من الوصول إلى الخادم. تحقّق من اتصالك بالإنترنت ثم أعد المحاولة." };
  }
  return { kind: "error", title: "حدث خطأ", text: "تعذّر عرض هذه الصفحة الآن. أعد المحاولة بعد قليل." };
}

// A page for a failed load; `retry` loads it again (not offered for a 404 or a 410).
export function errorPage(error, { missing, retry }) {
  const { kind, title, text } = describe(error, missing);
  return {
    title,
    content: h("section", { class: `state state-${kind}` },
      h("h1", {}, title),
      h("p", {}, text),
      h("p", { class: "state-actions" },
        kind !== "not-found" && kind !== "gone" &&
          h("button", { class: "button", type: "button", onclick: retry }, "أعد المحاولة"),
        h("a", { class: "button button-quiet", href: "/" }, "الصفحة الرئيسية"))),
  };
}

// One line, for a part of a page that failed (a "load more", the most-read box).
export const errorLine = (error) => describe(error).text;

// A quiet line where content is not there (yet).
export const note = (text) => h("p", { class: "note" }, text);
