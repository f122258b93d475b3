// The NewsStore API as the reader uses it: public reads, comments, the view beacon, and the
// moderation page's token calls.
import config from "./config.js";

// Any failed call. `status` is the HTTP status, or 0 when no answer came (offline, server
// down, CORS refused); `retryAfter` is in seconds, for 429; `errors` holds a 422's
// { pointer, detail } list.
export class ApiError extends Error {
  constructor(status, detail, retryAfter = null, errors = []) {
    super(detail || `HTTP ${status}`);
    Object.assign(this, { name: "ApiError", status, retryAfter, errors });
  }
}

// Resolved against the page, so both "/api/v1" and "https://api.example/api/v1" work.
const base = new URL(config.api.replace(/\/*$/, "/"), location.href);
const key = encodeURIComponent;

function url(path, query = {}) {
  const result = new URL(path, base);
  for (const [name, value] of Object.entries(query)) if (value) result.searchParams.set(name, value);
  return result;
}

// `token` goes in the Authorization header, the one place a token travels.
export async function call(method, path, { query, body, token, signal, cache } = {}) {
  const headers = {};
  if (body) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(url(path, query), { method, headers, body: body && JSON.stringify(body), signal, cache });
  } catch (error) {
    if (signal?.aborted) throw error; // the reader moved on: nothing to report
    throw new ApiError(0);
  }
  if (response.status === 204) return null;
  if (response.ok) return response.json();
  const problem = await response.json().catch(() => ({})); // problem+json, unless a proxy answered
  const retryAfter = Number.parseInt(response.headers.get("Retry-After"), 10);
  throw new ApiError(response.status, problem.detail, Number.isNaN(retryAfter) ? null : retryAfter, problem.errors);
}

const get = (path, query, signal) => call("GET", path, { query, signal });

// By slug or id. fetch follows the 301 of an old slug; the answer holds the current slug.
export const getArticle = (slug, signal) => get(`articles/${key(slug)}`, {}, signal);
// What a preview link shows: an unpublished article as it will be published. Once it is
// public, fetch follows the server's redirect to the article itself.
export const getPreview = (token, signal) => get(`preview/${key(token)}`, {}, signal);
// `filter`: {} for all articles, { category } or { tag } (slugs). Newest first.
export const listArticles = (filter, cursor, signal) =>
  get("articles", { ...filter, cursor, limit: config.pageSize }, signal);
export const mostRead = (category, signal) =>
  get("articles/popular", { window: config.mostReadWindow, limit: 5, category }, signal);
export const search = (q, cursor, signal) => get("search", { q, cursor, limit: config.pageSize }, signal);
export const listCategories = () => get("categories");
export const getCategory = (slug, signal) => get(`categories/${key(slug)}`, {}, signal);
export const getTag = (slug, signal) => get(`tags/${key(slug)}`, {}, signal);

// Approved comments, oldest first, each top comment followed by its replies. Revalidated (a
// 304 when unchanged), so that a comment approved a moment ago shows.
export const listComments = (id, cursor, signal) =>
  call("GET", `articles/${id}/comments`, { query: { cursor }, signal, cache: "no-cache" });
// `comment`: { author_name, author_email?, body, parent_id? }. Answers { id, status }.
export const postComment = (id, comment) => call("POST", `articles/${id}/comments`, { body: comment });

// A beacon outlives the page, and needs no answer.
export const countView = (id) => navigator.sendBeacon(url(`articles/${id}/views`));
