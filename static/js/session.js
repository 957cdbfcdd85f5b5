/* Nothing typed is lost.
 *
 * 1. The idle timeout (security/middleware.py) counts requests; typing in a form is activity too, so a
 *    tab being typed in tells the server (POST to the keepalive URL, at most once a minute).
 * 2. A few minutes before the timeout a dialog asks "Are you still there?"; "Stay signed in" (or
 *    Escape, or Enter) keeps the session. When the time has run out the dialog says so and offers
 *    to sign in again.
 * 3. A form marked `data-draft` keeps what is typed in this browser's localStorage, under the user
 *    and the form's address, while typing. Coming back to the form offers the kept text; a submit
 *    that met an ended session comes back filled in after signing in. A save that went through
 *    (the server redirected away, or the form is gone) removes the draft; so does signing out.
 */
(function () {
  "use strict";
  var body = document.body;
  var owner = body.getAttribute("data-session-owner");
  var texts = document.getElementById("draft-texts");
  var PREFIX = "portal.draft.";
  var PENDING = "portal.draft.pending"; // sessionStorage: the form this tab just submitted
  var CONTACT = "portal.session.contact"; // localStorage: the last request any tab made
  var KEEP_DAYS = 7;

  function storage(kind) {
    try {
      var store = window[kind];
      store.setItem("portal.probe", "1");
      store.removeItem("portal.probe");
      return store;
    } catch (e) {
      return null;
    }
  }
  var local = storage("localStorage");
  var session = storage("sessionStorage");
  if (!local || !session) {
    return;
  }

  function readJSON(store, key) {
    try {
      return JSON.parse(store.getItem(key) || "null");
    } catch (e) {
      return null;
    }
  }

  // ---- drafts -------------------------------------------------------------------------------

  function formKey(form) {
    return form.getAttribute("data-draft") + "@" + window.location.pathname + window.location.search;
  }

  function draftKey(user, key) {
    return PREFIX + user + "." + key;
  }

  var TYPED = ["text", "date", "datetime-local", "time", "number", "search", "email", "url", "tel", "radio", "checkbox"];

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      if (!field.name || field.disabled || field.name === "csrfmiddlewaretoken") {
        return false;
      }
      if (field.tagName === "TEXTAREA" || field.tagName === "SELECT") {
        return true;
      }
      return field.tagName === "INPUT" && TYPED.indexOf(field.type) !== -1;
    });
  }

  function nameOf(field) {
    return field.type === "checkbox" ? field.name + "=" + field.value : field.name;
  }

  function valuesOf(form) {
    var values = {};
    fieldsOf(form).forEach(function (field) {
      if (field.type === "radio") {
        if (field.checked || !(field.name in values)) {
          values[field.name] = field.checked ? field.value : "";
        }
      } else if (field.type === "checkbox") {
        values[nameOf(field)] = field.checked ? "1" : "";
      } else {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function same(a, b) {
    return Object.keys(a).every(function (name) { return !(name in b) || a[name] === b[name]; });
  }

  function fill(form, values) {
    fieldsOf(form).forEach(function (field) {
      var name = nameOf(field);
      if (!(name in values)) {
        return;
      }
      if (field.type === "radio") {
        field.checked = values[name] === field.value;
      } else if (field.type === "checkbox") {
        field.checked = values[name] === "1";
      } else {
        field.value = values[name];
      }
      field.dispatchEvent(new Event("input", {bubbles: true}));
    });
  }

  function notice(form, message, buttons) {
    var box = document.createElement("div");
    box.className = "alert alert-info d-flex flex-wrap align-items-center gap-2 draft-notice";
    box.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = message;
    box.appendChild(text);
    (buttons || []).forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = spec.primary ? "btn btn-sm btn-primary" : "btn btn-sm btn-outline-secondary";
      button.textContent = spec.label;
      button.addEventListener("click", function () {
        spec.action();
        box.remove();
        var first = fieldsOf(form)[0];
        if (first) {
          first.focus();
        }
      });
      box.appendChild(button);
    });
    form.insertBefore(box, form.firstChild);
    return box;
  }

  function when(timestamp) {
    return new Date(timestamp).toLocaleString(document.documentElement.lang || undefined, {
      dateStyle: "short", timeStyle: "short"
    });
  }

  function forgetOld() {
    var limit = Date.now() - KEEP_DAYS * 24 * 3600 * 1000;
    for (var i = local.length - 1; i >= 0; i--) {
      var key = local.key(i);
      if (key && key.indexOf(PREFIX) === 0) {
        var draft = readJSON(local, key);
        if (!draft || !draft.at || draft.at < limit) {
          local.removeItem(key);
        }
      }
    }
  }

  function forgetAllOf(user) {
    for (var i = local.length - 1; i >= 0; i--) {
      var key = local.key(i);
      if (key && key.indexOf(PREFIX + user + ".") === 0) {
        local.removeItem(key);
      }
    }
    session.removeItem(PENDING);
  }

  function settlePending() {
    // The page after a submit: was it saved?
    var pending = readJSON(session, PENDING);
    if (!pending) {
      return null;
    }
    if (!owner) { // the sign-in page: the session had ended; keep the text for after signing in
      pending.interrupted = true;
      session.setItem(PENDING, JSON.stringify(pending));
      return pending;
    }
    // A save that went through answers with a redirect (POST, then GET); a form with errors, a
    // confirm step or going elsewhere does not, and the draft stays.
    var navigation = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var redirected = navigation && navigation.redirectCount > 0;
    if (pending.owner === owner && pending.interrupted) {
      return pending; // back after signing in: the form is filled in again below
    }
    if (pending.owner === owner && redirected) {
      local.removeItem(draftKey(owner, pending.key)); // saved: the draft has done its job
    }
    session.removeItem(PENDING);
    return null;
  }

  function keepDrafts() {
    forgetOld();
    var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-draft]"));
    var pending = settlePending();
    if (!owner) {
      if (pending && texts && !document.querySelector(".draft-kept")) {
        var main = document.getElementById("main");
        var box = document.createElement("div");
        box.className = "alert alert-info draft-kept";
        box.setAttribute("role", "status");
        box.textContent = texts.getAttribute("data-kept");
        if (main) {
          main.insertBefore(box, main.firstChild);
        }
      }
      return;
    }
    forms.forEach(function (form) {
      var key = formKey(form);
      var storeKey = draftKey(owner, key);
      var initial = valuesOf(form);
      var draft = readJSON(local, storeKey);
      if (draft && draft.values && !same(draft.values, initial)) {
        if (pending && pending.key === key && pending.interrupted) {
          fill(form, draft.values);
          session.removeItem(PENDING);
          notice(form, texts.getAttribute("data-restored"));
        } else {
          notice(form, texts.getAttribute("data-offer") + " " + when(draft.at) + ".", [
            {label: texts.getAttribute("data-restore"), primary: true, action: function () { fill(form, draft.values); }},
            {label: texts.getAttribute("data-discard"), action: function () { local.removeItem(storeKey); }}
          ]);
        }
      } else if (pending && pending.key === key) {
        session.removeItem(PENDING);
      }
      var timer = null;
      function save() {
        timer = null;
        var values = valuesOf(form);
        if (same(values, initial) && same(initial, values)) {
          local.removeItem(storeKey);
        } else {
          local.setItem(storeKey, JSON.stringify({at: Date.now(), values: values}));
        }
      }
      form.addEventListener("input", function () {
        if (timer) {
          clearTimeout(timer);
        }
        timer = setTimeout(save, 400);
      });
      window.addEventListener("pagehide", function () {
        if (timer) { // leaving within the pause after the last keystroke
          clearTimeout(timer);
          save();
        }
      });
      form.addEventListener("submit", function () {
        if (timer) {
          clearTimeout(timer);
        }
        save();
        session.setItem(PENDING, JSON.stringify({key: key, owner: owner, at: Date.now()}));
      });
    });
    document.querySelectorAll("form[data-sign-out]").forEach(function (form) {
      form.addEventListener("submit", function () { forgetAllOf(owner); });
    });
  }

  // ---- the idle clock -----------------------------------------------------------------------

  function idleClock() {
    var idle = parseInt(body.getAttribute("data-session-idle"), 10);
    var warning = parseInt(body.getAttribute("data-session-warning"), 10);
    var url = body.getAttribute("data-session-keepalive");
    var dialog = document.getElementById("session-dialog");
    if (!owner || !idle || !url || !dialog || typeof dialog.showModal !== "function") {
      return;
    }
    var endsAt = document.getElementById("session-ends-at");
    var stay = document.getElementById("session-dialog-stay");
    var signIn = document.getElementById("session-dialog-sign-in");
    var title = document.getElementById("session-dialog-title");
    var text = document.getElementById("session-dialog-text");
    var signedOut = false;
    var returnFocus = null;

    function contact() {
      return parseInt(local.getItem(CONTACT), 10) || 0;
    }
    function touched() {
      local.setItem(CONTACT, String(Date.now()));
    }
    touched(); // this page's own request

    function csrfToken() {
      try {
        return JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"];
      } catch (e) {
        return "";
      }
    }

    function showSignedOut() {
      signedOut = true;
      title.textContent = title.getAttribute("data-signed-out");
      text.textContent = text.getAttribute("data-signed-out");
      stay.hidden = true;
      signIn.hidden = false;
      if (!dialog.open) {
        dialog.showModal();
      }
      signIn.focus();
    }

    function keepAlive() {
      touched();
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: {"X-CSRFToken": csrfToken(), "X-Requested-With": "fetch"}
      }).then(function (response) {
        if (response.status === 401 || response.redirected) {
          showSignedOut();
        }
      }).catch(function () { /* offline: the next tick tries again */ });
    }

    function tick() {
      if (signedOut) {
        return;
      }
      // The server notes activity at most once a minute (LAST_SEEN_RESOLUTION_SECONDS): count from a minute earlier.
      var left = (idle - 60) * 1000 - (Date.now() - contact());
      if (left <= 0) {
        showSignedOut();
      } else if (left <= warning * 1000 && !dialog.open) {
        var end = new Date(contact() + (idle - 60) * 1000);
        endsAt.textContent = end.toLocaleTimeString(document.documentElement.lang || undefined, {
          hour: "2-digit", minute: "2-digit"
        });
        endsAt.setAttribute("datetime", end.toISOString());
        returnFocus = document.activeElement;
        dialog.showModal();
        stay.focus();
      } else if (left > warning * 1000 && dialog.open) {
        dialog.close("stay"); // another tab kept the session
      }
    }

    dialog.addEventListener("close", function () {
      if (signedOut) {
        return;
      }
      keepAlive(); // "Stay signed in", Enter or Escape: the person is there
      if (returnFocus && returnFocus.focus) {
        returnFocus.focus();
      }
    });
    dialog.addEventListener("cancel", function (event) {
      if (signedOut) {
        event.preventDefault(); // nothing behind the dialog works any more
      }
    });

    // Typing in a form is activity: tell the server at most once a minute.
    document.addEventListener("input", function (event) {
      if (!signedOut && event.target && event.target.form && Date.now() - contact() > 60 * 1000) {
        keepAlive();
      }
    });
    document.addEventListener("htmx:afterRequest", touched);
    window.setInterval(tick, 10 * 1000);
  }

  keepDrafts();
  idleClock();
})();
