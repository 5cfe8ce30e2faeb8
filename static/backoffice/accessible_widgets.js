/* Names for the back office's widgets that Django's admin builds in the browser.
 *
 * The autocompletes (select2) hide the named <select> and show a combobox named only by
 * its current value (nothing when empty) and, for several values, a search field
 * without a label; their "clear all" cross sits inside the list of chosen values.
 * filter_horizontal's search icon carries an aria-label a plain <span> may not have.
 * Each is fixed where the admin builds it, again whenever the page changes (new inline
 * rows, a chosen value). The page works the same without this script.
 */
"use strict";
{
    function fieldName(select) {
        const own = select.getAttribute("aria-label");
        if (own) {
            return own;
        }
        const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
        return label ? label.textContent.trim().replace(/:$/, "") : "";
    }

    function setAttribute(element, name, value) {
        if (element && element.getAttribute(name) !== value) {
            element.setAttribute(name, value);
        }
    }

    function nameAutocomplete(select) {
        const container = select.nextElementSibling;
        if (!container || !container.classList.contains("select2-container") || !select.id) {
            return;
        }
        const name = fieldName(select);
        if (!name) {
            return;
        }
        const nameId = `${select.id}-accessible-name`;
        let nameElement = document.getElementById(nameId);
        if (!nameElement) {
            nameElement = document.createElement("span");
            nameElement.id = nameId;
            nameElement.hidden = true;
            container.append(nameElement);
        }
        if (nameElement.textContent !== name) {
            nameElement.textContent = name;
        }
        const combobox = container.querySelector(".select2-selection");
        const rendered = container.querySelector(".select2-selection__rendered");
        if (rendered && rendered.id) {
            // One value: "Raum Seminarraum 1"; the value's box is named by the field.
            setAttribute(combobox, "aria-labelledby", `${nameId} ${rendered.id}`);
            setAttribute(rendered, "aria-labelledby", nameId);
        } else {
            setAttribute(combobox, "aria-labelledby", nameId);
        }
        const search = container.querySelector(".select2-selection .select2-search__field");
        setAttribute(search, "aria-labelledby", nameId);
        // A list holds list items only: the "clear all" cross goes before the list.
        // Select2 draws a new cross into the list on every change and empties only the
        // list when cleared: the cross moved out before goes, so there is one at most,
        // and none once no value is left.
        for (const list of container.querySelectorAll("ul.select2-selection__rendered")) {
            const strays = list.querySelectorAll(":scope > :not(li)");
            if (strays.length || !list.querySelector("li.select2-selection__choice")) {
                for (const old of list.parentElement.querySelectorAll(":scope > .select2-selection__clear")) {
                    old.remove();
                }
            }
            for (const stray of strays) {
                list.before(stray);
            }
        }
    }

    function nameWidgets() {
        for (const select of document.querySelectorAll("select.admin-autocomplete")) {
            nameAutocomplete(select);
        }
        for (const icon of document.querySelectorAll(".search-label-icon[aria-label]:not([role])")) {
            icon.setAttribute("role", "img");
        }
    }

    function start() {
        nameWidgets();
        new MutationObserver(nameWidgets).observe(document.body, {childList: true, subtree: true});
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
