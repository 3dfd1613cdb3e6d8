// The search page: Pagefind's interface, run at once on the query the search fields sent (?q=).
(function () {
  "use strict";
  var box = document.getElementById("pagefind-search");
  if (!box || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#pagefind-search",
    // an absolute path: the bundle is loaded with import(), which takes no bare relative name
    bundlePath: new URL(box.dataset.bundle, location.href).pathname,
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    autofocus: !new URLSearchParams(location.search).get("q")
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
