// Near a text field's limit, say how many characters are left (the limit itself is `maxlength`, set by
// the form from the model's limit). The words come from the page, in the reader's language.
(function () {
  "use strict";
  var words = document.getElementById("text-limit-words");
  if (!words) {
    return;
  }
  function update(field, out) {
    var max = parseInt(field.getAttribute("maxlength"), 10);
    var left = max - field.value.length;
    out.hidden = left > Math.max(50, Math.round(max * 0.1));
    out.textContent = (left === 1 ? words.dataset.one : words.dataset.many).replace("{n}", String(left));
    out.classList.toggle("text-danger", left <= 0);
  }
  document.querySelectorAll("textarea[maxlength]").forEach(function (field) {
    var out = document.createElement("div");
    out.className = "form-text text-limit";
    out.setAttribute("aria-live", "polite");
    out.hidden = true;
    field.insertAdjacentElement("afterend", out);
    field.addEventListener("input", function () {
      update(field, out);
    });
    update(field, out);
  });
})();
