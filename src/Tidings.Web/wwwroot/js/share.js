// 分享至, improved: 复制链接 copies in one step (the <details> with the link stays the fallback when the clipboard is
// unavailable or refused), and 更多分享方式 opens the system share sheet where the browser has one. Share clicks are
// reported by signals.js.
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

  var copy = share.querySelector("[data-share-copy]");
  var input = copy.querySelector("input");
  function showLink() {
    copy.open = true;
    input.focus();
    input.select();
  }

  copy.querySelector("summary").addEventListener("click", function (event) {
    if (copy.open) {
      return; // Closing works as usual.
    }
    event.preventDefault();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () {
        say("链接已复制，可以粘贴给朋友了。");
      }, function () {
        showLink();
        say("无法直接复制，请复制已选中的链接。");
      });
    } else {
      showLink();
      say("请复制已选中的链接（Ctrl+C，手机上长按）。");
    }
  });

  var native = share.querySelector("[data-share-native]");
  if (navigator.share) {
    native.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({ title: title, url: url }).catch(function () {
        // The reader closed the sheet; nothing to say.
      });
    });
  }

  // Esc closes an open panel and returns focus to its toggle.
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
