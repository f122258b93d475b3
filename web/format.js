// Dates and counts in Arabic, in the digits the deployment chose (config.digits).
import config from "./config.js";

const locale = `ar-u-nu-${config.digits === "latn" ? "latn" : "arab"}`;
const date = new Intl.DateTimeFormat(locale, { dateStyle: "long" });
const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" });
const number = new Intl.NumberFormat(locale);
const plural = new Intl.PluralRules("ar");

export const formatDate = (iso) => date.format(new Date(iso));
export const formatDateTime = (iso) => dateTime.format(new Date(iso));
export const formatNumber = (n) => number.format(n);

// Arabic nouns take six forms by number: `forms` maps Intl's plural categories to phrases,
// "#" standing for the number; "other" is the fallback.
export const countOf = (n, forms) => (forms[plural.select(n)] ?? forms.other).replace("#", formatNumber(n));

export const ARTICLES = {
  zero: "لا مقالات", one: "مقال واحد", two: "مقالان", few: "# مقالات", many: "# مقالًا", other: "# مقال",
};
