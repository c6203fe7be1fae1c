// 跟贴 without page reloads. Everything here is an enhancement: the forms and links work without JavaScript (they
// post and redirect back), and this script only takes over once it is running. The article page is one cached copy
// for every reader, so it carries no antiforgery token: the API's token is fetched once, when the reader first
// posts, votes or reports.
(function () {
  "use strict";
  var section = document.getElementById("comments");
  if (!section || !window.fetch) {
    return;
  }

  var articleId = section.getAttribute("data-article-id");
  var live = section.querySelector("[data-comments-status]");
  // Words in the interface's language, given by the page on the status element.
  function text(name) {
    return (live && live.getAttribute("data-" + name)) || "";
  }

  var tokenRequest = null;
  function token() {
    if (!tokenRequest) {
      tokenRequest = fetch("/api/v1/antiforgery", { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) {
          throw new Error(String(r.status));
        }
        return r.json();
      }).then(function (json) { return json.token; }, function (e) {
        tokenRequest = null;
        throw e;
      });
    }
    return tokenRequest;
  }

  function announce(text) {
    if (live) {
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 50);
    }
  }

  function send(url, body) {
    return token().then(function (value) {
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "RequestVerificationToken": value },
        body: JSON.stringify(body)
      });
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { status: response.status, json: json };
      });
    });
  }

  function problemText(json) {
    if (json && json.errors) {
      for (var key in json.errors) {
        if (json.errors[key] && json.errors[key].length) {
          return json.errors[key][0];
        }
      }
    }
    return (json && (json.detail || json.title)) || text("network-error");
  }

  // A fragment is one <ol>; anything else (an error page, say) is treated as nothing to add.
  function fetchPage(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) {
        throw new Error(String(r.status));
      }
      return r.text();
    }).then(function (html) {
      var ol = new DOMParser().parseFromString(html, "text/html").body.firstElementChild;
      if (!ol || ol.tagName !== "OL") {
        throw new Error("not a fragment");
      }
      return ol;
    });
  }

  // 加载更多: append the next page in place and move focus to its first comment.
  section.addEventListener("click", function (event) {
    var more = event.target.closest("[data-load-more]");
    if (!more) {
      return;
    }
    event.preventDefault();
    var list = section.querySelector("[data-comment-list]");
    fetchPage(more.getAttribute("data-fragment")).then(function (ol) {
      var first = null;
      Array.prototype.slice.call(ol.children).forEach(function (li) {
        if (!list.querySelector("#" + li.id)) {
          var node = document.importNode(li, true);
          list.appendChild(node);
          first = first || node;
        }
      });
      var next = ol.getAttribute("data-next");
      if (next) {
        more.setAttribute("data-fragment", next);
        more.setAttribute("href", next.replace("&fragment=1", ""));
      } else {
        more.parentNode.removeChild(more);
      }
      if (first) {
        first.setAttribute("tabindex", "-1");
        first.focus();
      }
    }, function () {
      announce(text("load-failed"));
    });
  });

  // 展开 of a long chain: its middle floors arrive when the reader first opens it (focus stays on the summary).
  section.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.open || !details.hasAttribute("data-floors")) {
      return;
    }
    var url = details.getAttribute("data-floors");
    details.removeAttribute("data-floors");
    fetchPage(url).then(function (ol) {
      var placeholder = details.querySelector(".floors__load");
      if (ol && placeholder) {
        placeholder.replaceWith(document.importNode(ol, true));
      }
    });
  }, true);

  // 回复: point the form at the comment instead of leaving the page.
  var form = document.getElementById("comment-form");
  if (form && form.closest("#comments") === section) {
    var banner = form.querySelector("[data-reply-banner]");
    var replyInput = form.querySelector("[data-reply-input]");
    var label = form.querySelector("[data-reply-label]");
    var textarea = form.querySelector("textarea");
    section.addEventListener("click", function (event) {
      var reply = event.target.closest("[data-reply-to]");
      if (reply) {
        event.preventDefault();
        replyInput.value = reply.getAttribute("data-reply-to");
        label.textContent = text("replying-to").replace("{0}", reply.getAttribute("data-reply-nickname"));
        banner.hidden = false;
        textarea.focus();
        return;
      }
      if (event.target.closest("[data-reply-cancel]")) {
        event.preventDefault();
        replyInput.value = "";
        banner.hidden = true;
        textarea.focus();
      }
    });

    var status = form.querySelector("[data-form-status]");
    // The field a refusal names gets aria-invalid, as the server-rendered form does.
    function markInvalid(json) {
      ["nickname", "body"].forEach(function (name) {
        var field = form.elements[name];
        if (!field) {
          return;
        }
        var bad = !!(json && json.errors && json.errors[name]);
        field.setAttribute("aria-invalid", bad ? "true" : "false");
        if (bad) {
          field.focus();
        }
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      var body = {
        nickname: form.elements.nickname ? form.elements.nickname.value : "",
        body: form.elements.body.value,
        replyTo: replyInput.value ? Number(replyInput.value) : null
      };
      send("/api/v1/articles/" + articleId + "/comments", body).then(function (result) {
        button.disabled = false;
        if (result.status === 201 || result.status === 202) {
          status.textContent = result.json.message;
          markInvalid(null);
          form.elements.body.value = "";
          replyInput.value = "";
          banner.hidden = true;
          if (result.status === 201) {
            // Only the new comment is added, at the top of 最新跟贴; what the reader already loaded stays.
            return fetchPage("/article/" + articleId + "/comments?page=1&fragment=1").then(function (ol) {
              var fresh = ol.querySelector("#comment-" + result.json.id);
              var list = section.querySelector("[data-comment-list]");
              if (fresh && list && !list.querySelector("#comment-" + result.json.id)) {
                var added = document.importNode(fresh, true);
                list.insertBefore(added, list.firstElementChild);
                var empty = section.querySelector(".empty");
                if (empty) {
                  empty.parentNode.removeChild(empty);
                }
                added.setAttribute("tabindex", "-1");
                added.focus();
              }
            }, function () { return null; });
          }
          return null;
        }
        status.textContent = problemText(result.json);
        markInvalid(result.json);
        return null;
      }, function () {
        button.disabled = false;
        status.textContent = text("network-error");
      });
    });
  }

  // Browsers without SubmitEvent.submitter: remember which vote button was used.
  section.addEventListener("click", function (event) {
    var button = event.target.closest("form.vote button");
    if (button) {
      button.form.lastClicked = button;
    }
  });

  // 顶 / 踩 and 举报 through the API, updating the counts in place.
  section.addEventListener("submit", function (event) {
    var vote = event.target.closest("form.vote");
    var report = event.target.closest("form.report__form");
    if (!vote && !report) {
      return;
    }
    event.preventDefault();
    var id = event.target.querySelector("input[name=commentId]").value;
    if (vote) {
      var button = event.submitter || vote.lastClicked || vote.querySelector("button");
      send("/api/v1/comments/" + id + "/votes", { direction: button.value }).then(function (result) {
        if (result.status === 200) {
          vote.querySelector(".vote__up .vote__count").textContent = result.json.up;
          vote.querySelector(".vote__down .vote__count").textContent = result.json.down;
          announce(result.json.message);
        } else {
          announce(problemText(result.json));
        }
      });
    } else {
      send("/api/v1/comments/" + id + "/reports", { reason: report.elements.reason.value }).then(function (result) {
        var details = report.closest("details");
        var message = result.status === 202 ? result.json.message : problemText(result.json);
        var p = document.createElement("p");
        p.textContent = message;
        report.replaceWith(p);
        announce(message);
        if (details) {
          details.querySelector("summary").focus();
        }
      });
    }
  });
})();
