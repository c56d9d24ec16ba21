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

  document.addEventListener("DOMContentLoaded", function () {
    if (window.DKFDS) {
      window.DKFDS.init();
    }
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
