// 分享至, improved: 复制链接 becomes a button that copies in one step (the <details> holding the link returns as the
// fallback when the clipboard is unavailable or refused), and 更多分享方式 opens the system share sheet where the
// browser has one. Esc closes an open panel. Share clicks are reported by signals.js.
(function () {
  "use strict";
  var share = document.querySelector("[data-share]");
  if (!share) {
    return;
  }

  var url = share.getAttribute("data-share-url");
  var title = share.getAttribute("data-share-title");
  var status = share.querySelector("[data-share-status]");
  function say(text) {
    // Clearing first makes a repeated message announced again.
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);
  }

  var copyItem = share.querySelector("[data-share-copy]");
  var copyButton = copyItem.querySelector("button");
  var fallback = copyItem.querySelector("details");
  var input = fallback.querySelector("input");
  // With script, the link panel is only the fallback: a button announces itself as one, a summary as a disclosure.
  fallback.hidden = true;
  copyButton.hidden = false;

  function showLink(message) {
    fallback.hidden = false;
    fallback.querySelector("summary").textContent = input.labels[0].textContent;
    fallback.open = true;
    input.focus();
    input.select();
    say(message);
  }

  copyButton.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () {
        say(share.getAttribute("data-copied"));
      }, function () {
        showLink(share.getAttribute("data-copy-failed"));
      });
    } else {
      showLink(share.getAttribute("data-copy-selected"));
    }
  });

  var nativeItem = share.querySelector("[data-share-native]");
  if (navigator.share) {
    nativeItem.hidden = false;
    nativeItem.querySelector("button").addEventListener("click", function () {
      navigator.share({ title: title, url: url }).catch(function () {
        // The reader closed the sheet; nothing to say.
      });
    });
  }

  share.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var open = event.target.closest("details[open]");
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
    }
  });
})();
