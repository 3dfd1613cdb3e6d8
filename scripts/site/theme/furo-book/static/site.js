// Keyboard and screen-reader access to the theme's menus, which open with hidden checkboxes: the
// labels that open them act as buttons (Enter, Space) and say whether their menu is open.
(function () {
  "use strict";
  function sync(toggle) {
    document.querySelectorAll('label[role="button"][for="' + toggle.id + '"]').forEach(
      function (label) { label.setAttribute("aria-expanded", String(toggle.checked)); });
  }
  document.querySelectorAll('label[role="button"][for]').forEach(function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) return;
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      toggle.click();
    });
    toggle.addEventListener("change", function () { sync(toggle); });
  });
  // Escape closes an open menu and the language list.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".sidebar-toggle").forEach(function (toggle) {
      if (toggle.checked) { toggle.click(); }
    });
    document.querySelectorAll(".language-switcher details[open]").forEach(function (details) {
      details.open = false;
    });
  });
})();
