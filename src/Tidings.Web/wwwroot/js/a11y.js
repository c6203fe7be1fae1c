// 无障碍浏览: the toolbar opens in place (Esc closes it and returns focus), and each choice applies at once and is
// kept in the tprefs cookie, which the server reads to render the same state on the next page with no flash.
// Without JavaScript the toolbar link leads to /preferences, whose buttons post the same choices.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-a11y-toggle]");
  var panel = document.getElementById("a11y-panel");
  if (!toggle || !panel) {
    return;
  }
  var root = document.documentElement;

  function read() {
    var prefs = { t: "0", c: "none", k: "0", g: "0" };
    var match = document.cookie.match(/(?:^|;\s*)tprefs=([^;]*)/);
    if (match) {
      decodeURIComponent(match[1]).split("|").forEach(function (pair) {
        var kv = pair.split(":");
        if (kv.length === 2 && prefs.hasOwnProperty(kv[0])) {
          prefs[kv[0]] = kv[1];
        }
      });
    }
    return prefs;
  }

  function write(prefs) {
    var value = "t:" + prefs.t + "|c:" + prefs.c + "|k:" + prefs.k + "|g:" + prefs.g;
    var expires = value === "t:0|c:none|k:0|g:0" ? "; max-age=0" : "; max-age=31536000";
    document.cookie = "tprefs=" + encodeURIComponent(value) + "; path=/; samesite=lax" + expires;
  }

  function apply(prefs) {
    for (var i = 1; i <= 3; i++) {
      root.classList.toggle("text-" + i, prefs.t === String(i));
    }
    root.classList.toggle("contrast-dark", prefs.c === "dark");
    root.classList.toggle("contrast-light", prefs.c === "light");
    root.classList.toggle("cursor-large", prefs.k === "1");
    root.classList.toggle("guide", prefs.g === "1");
    panel.querySelectorAll("button[name]").forEach(function (button) {
      var name = button.name;
      if (name === "t" || name === "c") {
        button.setAttribute("aria-pressed", String(prefs[name] === button.value));
      } else if (name === "k" || name === "g") {
        button.setAttribute("aria-pressed", String(prefs[name] === "1"));
      }
    });
    guide(prefs.g === "1");
  }

  // 阅读辅助线: a band that follows the pointer, so a line of text is easy to keep.
  var line = null;
  function follow(event) {
    line.style.top = event.clientY + "px";
  }
  function guide(on) {
    if (on && !line) {
      line = document.createElement("div");
      line.className = "reading-guide";
      line.setAttribute("aria-hidden", "true");
      document.body.appendChild(line);
      document.addEventListener("mousemove", follow);
    } else if (!on && line) {
      document.removeEventListener("mousemove", follow);
      line.parentNode.removeChild(line);
      line = null;
    }
  }

  function open(show) {
    panel.hidden = !show;
    toggle.setAttribute("aria-expanded", String(show));
    if (show) {
      var first = panel.querySelector("button[aria-pressed='true'], button");
      if (first) {
        first.focus();
      }
    } else {
      toggle.focus();
    }
  }

  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    open(panel.hidden);
  });
  panel.querySelector("[data-a11y-close]").addEventListener("click", function () { open(false); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      open(false);
    }
  });

  panel.addEventListener("click", function (event) {
    var button = event.target.closest("button[name]");
    if (!button) {
      return;
    }
    event.preventDefault();
    var prefs = read();
    if (button.name === "reset") {
      prefs = { t: "0", c: "none", k: "0", g: "0" };
    } else if (button.name === "k" || button.name === "g") {
      prefs[button.name] = prefs[button.name] === "1" ? "0" : "1";
    } else {
      prefs[button.name] = button.value;
    }
    write(prefs);
    apply(prefs);
  });

  // 朗读: the browser's speech synthesis, in a voice of the article's language (Chinese or English), reads the article
  // paragraph by paragraph (连读), highlighting the one being read. Only on request; the controls stay hidden when
  // the browser has no voice for that language.
  var speech = window.speechSynthesis;
  var reader = panel.querySelector("[data-read-aloud]");
  var article = document.querySelector("article.article");
  var speechStatus = panel.querySelector("[data-speech-status]");
  // The page gives the status words in the interface's language (data-start, data-pause, ...).
  function sayStatus(key) {
    speechStatus.textContent = speechStatus.getAttribute("data-" + key) || "";
  }
  var current = null;
  var queue = [];
  var body = article && article.querySelector(".article__body");
  var language = (body && body.getAttribute("lang")) || root.getAttribute("lang") || "zh-CN";
  var english = /^en\b/i.test(language);
  function articleVoice() {
    var voices = speech.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (english ? /^en([-_]|$)/i.test(voices[i].lang) : /^zh([-_]CN|[-_]Hans|$)/i.test(voices[i].lang)) {
        return voices[i];
      }
    }
    return null;
  }
  function mark(node) {
    if (current) {
      current.classList.remove("reading-now");
    }
    current = node;
    if (node) {
      node.classList.add("reading-now");
      node.scrollIntoView({ block: "center" });
    }
  }
  function next() {
    var node = queue.shift();
    if (!node) {
      mark(null);
      sayStatus("end");
      return;
    }
    mark(node);
    var utterance = new SpeechSynthesisUtterance(node.textContent.trim());
    utterance.lang = english ? "en" : "zh-CN";
    var voice = articleVoice();
    if (voice) {
      utterance.voice = voice;
    }
    utterance.onend = function () {
      if (current === node) {
        next();
      }
    };
    speech.speak(utterance);
  }
  function offerSpeech() {
    if (reader && article && articleVoice()) {
      reader.hidden = false;
    }
  }
  if (speech && reader && article) {
    offerSpeech();
    if (typeof speech.addEventListener === "function") {
      speech.addEventListener("voiceschanged", offerSpeech);
    }
    reader.addEventListener("click", function (event) {
      var button = event.target.closest("[data-speech]");
      if (!button) {
        return;
      }
      var action = button.getAttribute("data-speech");
      if (action === "start") {
        speech.cancel();
        queue = [article.querySelector("h1")].concat(Array.prototype.slice.call(article.querySelectorAll(".article__body p")));
        sayStatus("start");
        next();
      } else if (action === "pause") {
        speech.pause();
        sayStatus("pause");
      } else if (action === "resume") {
        speech.resume();
        sayStatus("resume");
      } else if (action === "stop") {
        queue = [];
        mark(null);
        speech.cancel();
        sayStatus("stop");
      }
    });
  }

  apply(read());
})();
