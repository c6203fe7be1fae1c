// An article page is one cached copy for every reader, so it names no account. For a signed-in reader (the tsigned
// hint cookie says so; the account cookie itself is HttpOnly) this asks who it is and fills in the account links and
// the comment form's "posting as". Signed-out readers make no request at all.
(function () {
  "use strict";
  if (!window.fetch || !/(?:^|;\s*)tsigned=1(?:;|$)/.test(document.cookie)) {
    return;
  }

  fetch("/api/v1/account", { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (account) {
    if (!account) {
      return;
    }

    var links = document.querySelector("[data-account-links]");
    if (links) {
      links.textContent = account.signedInAs;
      account.links.forEach(function (link) {
        var a = document.createElement("a");
        a.href = link.href;
        a.textContent = link.text;
        links.appendChild(document.createTextNode(" · "));
        links.appendChild(a);
      });
    }

    var postingAs = document.querySelector("[data-posting-as]");
    if (postingAs) {
      postingAs.textContent = account.postingAs;
      postingAs.hidden = false;
      // The server posts under the account's name whatever the field says; hiding it says so.
      ["[data-nickname-field]", "[data-sign-in-hint]"].forEach(function (selector) {
        var element = document.querySelector(selector);
        if (element) {
          element.hidden = true;
        }
      });
    }
  }, function () { /* the page stays as it is: a sign-in link, and posting still works */ });
})();
