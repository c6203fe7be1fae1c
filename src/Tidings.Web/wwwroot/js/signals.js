// Reader signals for 热点推荐: a view when the article is shown, a read when the reader reaches its end or stays
// 30 seconds with the page visible, a share when 分享至 is used. Sent with navigator.sendBeacon, so leaving the page
// never waits on it; nothing is sent without JavaScript, and nothing here identifies the reader (the server's
// first-party cookie does that, and not at all for DNT / Global Privacy Control).
(function () {
  "use strict";
  var article = document.querySelector("article[data-article-id]");
  if (!article || !navigator.sendBeacon) {
    return;
  }

  var id = Number(article.getAttribute("data-article-id"));
  var sent = {};
  function send(type) {
    if (sent[type]) {
      return;
    }
    sent[type] = true;
    navigator.sendBeacon("/api/v1/events", JSON.stringify([{ type: type, articleId: id }]));
  }

  send("view");

  var end = article.querySelector(".article__footer");
  if (end && "IntersectionObserver" in window) {
    new IntersectionObserver(function (entries, observer) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        send("read");
        observer.disconnect();
      }
    }).observe(end);
  }

  var visibleFor = 0;
  var timer = setInterval(function () {
    if (document.visibilityState === "visible") {
      visibleFor += 5;
    }
    if (visibleFor >= 30) {
      send("read");
      clearInterval(timer);
    }
  }, 5000);

  article.querySelectorAll(".share a, .share button").forEach(function (link) {
    link.addEventListener("click", function () { send("share"); });
  });
  // A panel counts when it opens, not when it closes.
  article.querySelectorAll(".share summary").forEach(function (summary) {
    summary.addEventListener("click", function () {
      if (!summary.parentElement.open) {
        send("share");
      }
    });
  });
})();
