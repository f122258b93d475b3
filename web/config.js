// The reader's settings for one deployment. Served as it is: edit and reload, no build step.
export default {
  // The API's base: a path on this origin, or an absolute URL on another origin, which must
  // then list this reader's origin in the server's --cors-allowed-origins.
  api: "/api/v1",
  // Digits in dates and counts: "arab" (٠١٢٣) or "latn" (0123).
  digits: "arab",
  siteName: "نيوز ستور",
  // The description of pages without their own (home, search), as index.html has it.
  siteDescription: "آخر الأخبار والتقارير، محدّثة على مدار الساعة.",
  // Articles per listing page, and per press of "المزيد".
  pageSize: 10,
  // The period "most read" covers: "24h", "7d" or "30d".
  mostReadWindow: "7d",
};
