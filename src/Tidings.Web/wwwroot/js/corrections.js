// 更正提醒: asks, at most once per data-check-seconds, whether an article this browser's visitor opened was corrected
// since the last answer, and shows each such correction once in the page's polite live region. The answer is per
// visitor and never part of cached HTML; the mark ("since") is the server's checkedAt, kept in localStorage.
(function () {
  "use strict";
  var box = document.querySelector("[data-correction-notices]");
  if (!box || !window.fetch || !window.localStorage || !window.JSON) {
    return;
  }

  var key = "tidings.corrections";
  var every = parseInt(box.getAttribute("data-check-seconds") || "300", 10) * 1000;
  var state = {};
  try {
    state = JSON.parse(localStorage.getItem(key) || "{}") || {};
  } catch (e) {
    state = {};
  }

  if (state.askedAt && Date.now() - state.askedAt < every) {
    return;
  }

  var url = "/api/v1/me/corrections" + (state.since ? "?since=" + encodeURIComponent(state.since) : "");
  fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (answer) {
    if (!answer) {
      return;
    }

    try {
      localStorage.setItem(key, JSON.stringify({ since: answer.checkedAt, askedAt: Date.now() }));
    } catch (e) {
      // Storage full or refused: the notice still shows now; the next page may show it again.
    }

    (answer.items || []).forEach(show);
  }).catch(function () {
    // Offline or refused: nothing to tell; the next page asks again.
  });

  function show(item) {
    var notice = document.createElement("p");
    notice.className = "correction-notice";
    var text = document.createElement("span");
    text.textContent = item.message + (box.getAttribute("data-colon") || ": ") + item.text;
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = box.getAttribute("data-link-text");
    var dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "correction-notice__dismiss";
    dismiss.textContent = box.getAttribute("data-dismiss-text");
    dismiss.addEventListener("click", function () {
      notice.parentNode.removeChild(notice);
    });
    notice.appendChild(text);
    notice.appendChild(document.createTextNode(" "));
    notice.appendChild(link);
    notice.appendChild(document.createTextNode(" "));
    notice.appendChild(dismiss);
    box.appendChild(notice);
  }
})();
