// The profile form's texts, one language at a time: the language links switch in place
// (typed text stays, nothing is reloaded); without JavaScript they load ?sprache=<code>.
"use strict";

document.querySelectorAll("[data-translations]").forEach((block) => {
  const links = block.querySelectorAll("a[data-language]");
  const show = (code) => {
    block.querySelectorAll("[data-language-panel]").forEach((panel) => {
      panel.hidden = panel.dataset.languagePanel !== code;
    });
    links.forEach((link) => {
      if (link.dataset.language === code) {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
    });
    // The German original as typed so far.
    block.querySelectorAll("[data-source-of]").forEach((source) => {
      const field = document.getElementById(source.dataset.sourceOf);
      if (field) {
        source.textContent = field.value.trim() ? field.value : "–";
      }
    });
    const url = new URL(window.location.href);
    url.searchParams.set("sprache", code);
    url.hash = "";
    window.history.replaceState(null, "", url);
  };
  links.forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      show(link.dataset.language);
      const panel = block.querySelector(`[data-language-panel="${link.dataset.language}"]`);
      const first = panel && panel.querySelector("textarea");
      if (first) {
        first.focus();
      }
    });
  });
});
