// Building pages from API data. Strings only ever go in as text or attribute values, never as
// markup; the one exception, search highlights, is rebuilt from text and <mark> alone.

// h("a", { href, class: "x", onclick }, "text", child, [more]): null, false and undefined
// are skipped, in attributes and children alike, so optional parts read inline.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.flat(9).filter((child) => child != null && child !== false));
  return element;
}

// Search's title_html and snippet_html (escaped text, matches in <mark>), parsed in an inert
// document where nothing loads or runs, then copied as text and <mark>s only.
export function highlighted(html) {
  const copy = (from, to) => {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) to.append(node.data);
      else copy(node, node.nodeName === "MARK" ? to.appendChild(document.createElement("mark")) : to);
    }
    return to;
  };
  return copy(new DOMParser().parseFromString(html, "text/html").body, new DocumentFragment());
}

// An http(s) URL from the API, or null: a "javascript:" URL must never become a link.
export function webURL(value) {
  try {
    return /^https?:$/.test(new URL(value).protocol) ? value : null;
  } catch {
    return null;
  }
}
