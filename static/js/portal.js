/*
 * The portal's own script: start DKFDS once the page is parsed, and start the DKFDS
 * components inside every fragment htmx swaps in later. No inline scripts anywhere
 * (the portal runs under a strict Content-Security-Policy), so this file is the one
 * place that wires behaviour up.
 */
(function () {
  "use strict";

  /*
   * DKFDS.init() also sets up the header navigation (the "more" menu and the mobile
   * drawer), which must happen once per page. Fragments from htmx only get the
   * components that live inside them.
   */
  function initFragment(scope) {
    var fds = window.DKFDS;
    if (!fds) {
      return;
    }
    var each = function (selector, Component) {
      var elements = Array.prototype.slice.call(scope.querySelectorAll(selector));
      if (scope.matches(selector)) {
        elements.unshift(scope);
      }
      for (var i = 0; i < elements.length; i++) {
        var component = new Component(elements[i]);
        if (typeof component.init === "function") {
          component.init();
        }
      }
    };
    each(".accordion, .accordion-bordered", fds.Accordion);
    each(".alert.has-close", fds.Alert);
    each(".js-dropdown", fds.Dropdown);
    each(".overflow-menu--sort", fds.DropdownSort);
    each(".js-checkbox-toggle-content", fds.CheckboxToggleContent);
    each(".js-radio-toggle-group", fds.RadioToggleGroup);
    each(".form-limit", fds.CharacterLimit);
    each(".fds-modal", fds.Modal);
    each("div.tab-container", fds.Tabs);
    each(".tooltip-wrapper", fds.Tooltip);
    each("table.table--selectable", fds.TableSelectableRows);
    each(
      "table.table--responsive-headers, table.table-sm-responsive-headers, " +
        "table.table-md-responsive-headers, table.table-lg-responsive-headers",
      fds.ResponsiveTable
    );
    if (fds.datePicker && typeof fds.datePicker.on === "function") {
      fds.datePicker.on(scope);
    }
    var errorSummary = scope.matches('[data-module="error-summary"]')
      ? scope
      : scope.querySelector('[data-module="error-summary"]');
    if (errorSummary) {
      new fds.ErrorSummary(errorSummary).init();
    }
  }

  /*
   * Search-as-you-type choices (templates/lookups/search_select.html). Typing searches
   * through htmx; Enter in the search box and its button search in place too, instead of
   * sending the whole form as they do without JavaScript. As a plain button it is no
   * longer the form's default button, so Enter in any other field sends the form.
   */
  function initLookups(scope) {
    var htmx = window.htmx;
    if (!htmx) {
      return;
    }
    var buttons = scope.querySelectorAll("[data-lookup-button]");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var input = document.getElementById(button.getAttribute("data-lookup-button"));
      if (!input) {
        continue;
      }
      button.type = "button";
      button.addEventListener("click", htmx.trigger.bind(htmx, input, "search", null));
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          htmx.trigger(event.target, "search");
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.DKFDS) {
      window.DKFDS.init();
    }
    initLookups(document);
  });

  // htmx fires htmx:load for the body at start-up (DKFDS.init covers that) and then
  // for each piece of new content it swaps in.
  document.addEventListener("htmx:load", function (event) {
    var scope = event.target;
    if (scope === document.body || !(scope instanceof Element)) {
      return;
    }
    initFragment(scope);
  });
})();
