/* The confirm step as a dialog.
 *
 * A form marked `data-confirm` posts without the `confirmation` field; the server then answers
 * its confirm step (people/confirmation.py) and changes nothing. Here that answer is fetched and
 * shown in a native <dialog> (focus kept inside, Escape goes back); confirming posts the form
 * again with `confirmation=given`. Without JavaScript the server's page does the same job.
 */
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function" || !window.fetch || !window.DOMParser) {
    return;
  }
  var title = document.getElementById("confirm-dialog-title");
  var text = document.getElementById("confirm-dialog-text");
  var ok = document.getElementById("confirm-dialog-ok");
  var pending = null;

  function submitNatively(form, confirmed) {
    if (confirmed) {
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = "confirmation";
      field.value = "given";
      form.appendChild(field);
    }
    form.submit(); // no submit event: the dialog does not ask twice
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) {
      return;
    }
    event.preventDefault();
    var trigger = event.submitter || document.activeElement;
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin"})
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var step = new DOMParser().parseFromString(html, "text/html").querySelector(".confirm-step");
        if (!step) { // something stands in the way: let the server's own answer show it
          submitNatively(form, false);
          return;
        }
        var button = step.querySelector("button[type=submit]");
        title.textContent = step.querySelector("h1").textContent;
        text.textContent = step.querySelector("p").textContent;
        ok.textContent = button.textContent;
        ok.className = button.className;
        pending = {form: form, trigger: trigger};
        dialog.returnValue = "";
        dialog.showModal();
      })
      .catch(function () { submitNatively(form, false); });
  });

  dialog.addEventListener("close", function () {
    var asked = pending;
    pending = null;
    if (!asked) {
      return;
    }
    if (dialog.returnValue === "confirm") {
      submitNatively(asked.form, true);
    } else if (asked.trigger && asked.trigger.focus) {
      asked.trigger.focus();
    }
  });
})();
