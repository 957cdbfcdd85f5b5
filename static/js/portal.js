// Behaviour shared by every page. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  // A select marked data-autosubmit submits its form when its value changes (the language switch).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
