// The reader's addresses, as the server serves its page shell at them (see index.html).
const at = (prefix, slug) => `${prefix}/${encodeURIComponent(slug)}`;

export const articlePath = (slug) => at("/articles", slug);
export const categoryPath = (slug) => at("/categories", slug);
export const tagPath = (slug) => at("/tags", slug);
export const searchPath = (q) => (q ? `/search?q=${encodeURIComponent(q)}` : "/search");
