/* The association dashboard's event form: only the groups of fields that fit the chosen
   location, price and registration are shown. Each group says when it applies, and the
   server ignores the fields of the options not chosen, so the form works without this. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-event-form]");
  if (!form) {
    return;
  }
  var groups = Array.prototype.slice.call(form.querySelectorAll("[data-show-when]"));

  function current(name) {
    var field = form.elements.namedItem(name);
    if (!field) {
      return null;
    }
    if (field.type === "checkbox") {
      return field.checked ? "on" : "";
    }
    return field.value; // a select's value, or the checked radio's (RadioNodeList)
  }

  function update() {
    groups.forEach(function (group) {
      var rule = group.getAttribute("data-show-when").split("=");
      var value = current(rule[0]);
      group.hidden = value !== null && value !== rule[1];
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name && !event.target.closest("[data-show-when]")) {
      update();
    }
  });
  update();
})();
