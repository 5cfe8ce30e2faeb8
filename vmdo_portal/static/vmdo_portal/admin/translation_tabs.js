// Shows the language versions of a translated admin field as tabs.
// Progressive enhancement: without JavaScript every language field is simply listed.
"use strict";
(function () {
  function fieldAndLanguage(widget) {
    for (const cls of widget.classList) {
      if (cls.startsWith("mt-field-")) {
        const rest = cls.slice("mt-field-".length);
        const cut = rest.lastIndexOf("-");
        return { field: rest.slice(0, cut), lang: rest.slice(cut + 1) };
      }
    }
    return null;
  }

  function select(group, index) {
    group.tabs.forEach(function (tab, i) {
      const active = i === index;
      tab.setAttribute("aria-selected", active ? "true" : "false");
      tab.tabIndex = active ? 0 : -1;
      group.rows[i].hidden = !active;
    });
  }

  function build(group) {
    const list = document.createElement("div");
    list.className = "mt-tablist";
    list.setAttribute("role", "tablist");
    group.rows[0].before(list);
    group.tabs = group.rows.map(function (row, i) {
      const tab = document.createElement("button");
      tab.type = "button";
      tab.className = "mt-tab";
      tab.id = "mt-tab-" + group.field + "-" + group.langs[i];
      tab.textContent = group.langs[i].toUpperCase();
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", row.id);
      if (row.querySelector(".errorlist")) tab.classList.add("mt-tab-error");
      row.setAttribute("role", "tabpanel");
      row.setAttribute("aria-labelledby", tab.id);
      tab.addEventListener("click", function () { select(group, i); });
      tab.addEventListener("keydown", function (event) {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) return;
        const rtl = document.documentElement.dir === "rtl" ? -1 : 1;
        const next = (i + step * rtl + group.tabs.length) % group.tabs.length;
        select(group, next);
        group.tabs[next].focus();
      });
      list.append(tab);
      return tab;
    });
    const firstError = group.rows.findIndex(function (row) { return row.querySelector(".errorlist"); });
    select(group, firstError === -1 ? 0 : firstError);
  }

  document.addEventListener("DOMContentLoaded", function () {
    const groups = new Map();
    document.querySelectorAll(".mt").forEach(function (widget) {
      const info = fieldAndLanguage(widget);
      const row = widget.closest(".form-row");
      if (!info || !row || row.closest(".inline-related")) return;
      if (!row.id) row.id = "mt-row-" + info.field + "-" + info.lang;
      if (!groups.has(info.field)) groups.set(info.field, { field: info.field, rows: [], langs: [] });
      groups.get(info.field).rows.push(row);
      groups.get(info.field).langs.push(info.lang);
    });
    groups.forEach(function (group) { if (group.rows.length > 1) build(group); });
  });
})();
