/* Rich-text editing for <textarea data-editor="rich">, with pell. Progressive: without this
   script the textarea still works. The server sanitises whatever is sent. */
(function () {
  "use strict";
  if (!window.pell) { return; }
  var actions = [
    { name: "paragraph", title: "Paragraf" },
    { name: "heading2", icon: "H2", title: "Judul bagian", result: function () { window.pell.exec("formatBlock", "<h2>"); } },
    { name: "heading3", icon: "H3", title: "Subjudul", result: function () { window.pell.exec("formatBlock", "<h3>"); } },
    { name: "bold", title: "Tebal" },
    { name: "italic", title: "Miring" },
    { name: "underline", title: "Garis bawah" },
    { name: "olist", icon: "1.", title: "Daftar bernomor" },
    { name: "ulist", title: "Daftar" },
    { name: "quote", title: "Kutipan" },
    { name: "link", icon: "↗", title: "Tautan", result: function () {
        var url = window.prompt("Alamat tautan (https://…)");
        if (url && /^(https?:|mailto:|\/)/i.test(url)) { window.pell.exec("createLink", url); }
      } }
  ];
  document.querySelectorAll("textarea[data-editor=rich]").forEach(function (textarea) {
    var holder = document.createElement("div");
    holder.className = "rte";
    textarea.parentNode.insertBefore(holder, textarea);
    textarea.classList.add("rte-source");
    var editor = window.pell.init({
      element: holder,
      actions: actions,
      defaultParagraphSeparator: "p",
      onChange: function (html) { textarea.value = html; }
    });
    editor.content.innerHTML = textarea.value;
    holder.querySelectorAll("button[title]").forEach(function (b) { b.setAttribute("aria-label", b.title); });
    editor.content.setAttribute("aria-label", textarea.labels && textarea.labels[0] ? textarea.labels[0].textContent : "Isi");
    editor.content.setAttribute("role", "textbox");
    editor.content.setAttribute("aria-multiline", "true");
  });
})();
