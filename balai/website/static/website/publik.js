/* Public sites: the folding phone menu and the live filter of the village directory.
   Everything works without this file: the menu then stays open and the directory filter is a
   plain search form answered by the server. Loaded from <head> without defer so that the page
   is marked as scripted before its first paint. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function menu() {
    var header = document.querySelector("[data-menu]");
    var toggle = document.querySelector("[data-menu-toggle]");
    if (!header || !toggle) return;
    toggle.addEventListener("click", function () {
      var open = header.classList.toggle("menu-terbuka");
      // Focus stays on the button: moving it into the search box would pop up a phone's keyboard.
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && header.classList.contains("menu-terbuka")) {
        header.classList.remove("menu-terbuka");
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }

  function normal(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }

  /* <input data-saring="#target"> hides the [data-nama] items of #target that do not contain
     the typed text, opens the sections that still have matches and counts them. */
  function saring() {
    document.querySelectorAll("[data-saring]").forEach(function (input) {
      var target = document.querySelector(input.getAttribute("data-saring"));
      var status = document.querySelector(input.getAttribute("data-saring-status"));
      if (!target) return;
      var sections = target.querySelectorAll("[data-kelompok]");
      var items = target.querySelectorAll("[data-nama]");
      items.forEach(function (el) { el.dataset.cocok = normal(el.getAttribute("data-nama")); });
      var initial = status ? status.textContent : "";
      input.addEventListener("input", function () {
        var q = normal(input.value);
        var shown = 0;
        sections.forEach(function (sec) {
          var namaKelompok = normal(sec.getAttribute("data-kelompok"));
          var kelompokCocok = q !== "" && namaKelompok.indexOf(q) !== -1;
          var n = 0;
          sec.querySelectorAll("[data-nama]").forEach(function (el) {
            var ok = q === "" || kelompokCocok || el.dataset.cocok.indexOf(q) !== -1;
            el.hidden = !ok;
            if (ok) n += 1;
          });
          sec.hidden = n === 0;
          if (sec.tagName === "DETAILS") sec.open = q !== "" && n > 0;
          shown += n;
        });
        if (status) status.textContent = q === "" ? initial : shown + " desa/kelurahan cocok dengan \u201c" + input.value.trim() + "\u201d";
      });
    });
  }

  function init() { menu(); saring(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
