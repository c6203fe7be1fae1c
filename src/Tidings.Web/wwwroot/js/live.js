// 滚动直播 on the reader's page: new entries arrive by Server-Sent Events (or, where a stream is refused or broken,
// by polling) and wait behind a "N 条新消息" button, so the text never moves under the reader's eyes; the count is
// announced politely. The page is complete without this script: a reload shows every entry.
(function () {
  "use strict";
  var stream = document.querySelector("[data-live-stream]");
  if (!stream || stream.getAttribute("data-live-status") !== "live" || !window.fetch || !window.JSON) {
    return;
  }

  var id = stream.getAttribute("data-live-stream");
  var list = stream.querySelector("ol.live-list");
  var news = stream.querySelector("[data-live-news]");
  var button = stream.querySelector("[data-live-show]");
  var announce = stream.querySelector("[data-live-announce]");
  // The page gives both forms (English says "1 new update" but "3 new updates"; Chinese has one form).
  var template = stream.getAttribute("data-new-text");
  var templateOne = stream.getAttribute("data-new-text-one") || template;
  var pollEvery = parseInt(stream.getAttribute("data-poll-seconds") || "15", 10) * 1000;
  var last = 0;
  var waiting = [];
  var source = null;
  var timer = null;
  Array.prototype.forEach.call(stream.querySelectorAll("[data-live-entry]"), function (entry) {
    last = Math.max(last, Number(entry.getAttribute("data-live-entry")));
  });

  function shown(entryId) {
    return list.querySelector('[data-live-entry="' + entryId + '"]') !== null || waiting.some(function (w) { return w.id === entryId; });
  }

  function apply(update) {
    (update.removed || []).forEach(function (removed) {
      // A 要点 is shown twice: above the stream and in it.
      Array.prototype.forEach.call(document.querySelectorAll('[data-live-entry="' + removed + '"]'), function (element) {
        element.parentNode.removeChild(element);
      });
      waiting = waiting.filter(function (w) { return w.id !== removed; });
    });
    (update.entries || []).forEach(function (entry) {
      if (!shown(entry.id)) {
        waiting.push(entry);
      }
      last = Math.max(last, entry.id);
    });
    if (waiting.length > 0) {
      button.textContent = (waiting.length === 1 ? templateOne : template).replace("{0}", String(waiting.length));
      news.hidden = false;
      announce.textContent = button.textContent;
    }
    if (update.status !== "live") {
      stop();
    }
  }

  button.addEventListener("click", function () {
    // Oldest first, each at the top: the list stays newest first.
    waiting.forEach(function (entry) {
      list.insertAdjacentHTML("afterbegin", entry.html);
    });
    waiting = [];
    news.hidden = true;
    var first = list.firstElementChild;
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  });

  function poll() {
    fetch("/article/" + id + "/live/updates?after=" + last, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (update) {
      if (update) {
        apply(update);
      }
    }).catch(function () {
      // Offline for a moment: the next poll catches up from the same mark.
    });
  }

  function startPolling() {
    if (timer === null) {
      timer = setInterval(poll, pollEvery);
    }
  }

  function stop() {
    if (source) {
      source.close();
    }
    if (timer !== null) {
      clearInterval(timer);
    }
  }

  if (window.EventSource) {
    source = new EventSource("/article/" + id + "/live/events?after=" + last);
    source.addEventListener("update", function (event) {
      try {
        apply(JSON.parse(event.data));
      } catch (e) {
        // A frame that is not ours: ignored.
      }
    });
    source.onerror = function () {
      // The browser retries by itself; a stream it gave up on (refused, or a proxy that breaks them) becomes polling.
      if (source.readyState === EventSource.CLOSED) {
        startPolling();
      }
    };
  } else {
    startPolling();
  }
})();
