// A preview link's page (/preview/{token}): an article nobody may read yet, rendered exactly
// as its article page will be once it is published. The token in the address is the only
// permission; the server answers 410 once the link has expired or been revoked, and sends
// the browser to the article itself once it is public.
import { getPreview } from "../api.js";
import { articlePage } from "./article.js";

export async function load({ params, signal }) {
  return articlePage(await getPreview(params.slug, signal), { preview: true });
}
