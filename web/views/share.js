// Share links for an article's canonical address, and a button that copies it.
import { h } from "../dom.js";

export function shareBar(url, title) {
  const [u, t] = [url, title].map(encodeURIComponent);
  const status = h("span", { class: "share-status", role: "status" });
  const copy = () => navigator.clipboard.writeText(url).then(
    () => { status.textContent = "نُسخ الرابط."; },
    // No clipboard (an insecure origin, or permission refused): say what to do instead.
    () => { status.textContent = "تعذّر النسخ، انسخ الرابط من شريط العنوان."; });
  return h("section", { class: "share", "aria-label": "شارك المقال" },
    h("ul", {},
      [
        ["facebook", "فيسبوك", `https://www.facebook.com/sharer/sharer.php?u=${u}`],
        ["x", "إكس", `https://x.com/intent/post?url=${u}&text=${t}`],
        ["whatsapp", "واتساب", `https://wa.me/?text=${t}%20${u}`],
        ["telegram", "تيليجرام", `https://t.me/share/url?url=${u}&text=${t}`],
      ].map(([key, name, href]) =>
        h("li", {}, h("a", { class: `share-link share-${key}`, href, target: "_blank", rel: "noopener" }, name))),
      h("li", {}, h("button", { class: "share-link", type: "button", onclick: copy }, "نسخ الرابط"))),
    status);
}
