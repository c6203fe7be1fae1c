// 关注 without a page load: the button is a plain form that works without JavaScript; this sends the same change to
// the JSON API and updates the button and the follower count in place. Any failure falls back to the form.
(function () {
  "use strict";
  if (!window.fetch) {
    return;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-follow") || form.getAttribute("data-busy") === "1") {
      return;
    }

    var slug = form.getAttribute("data-follow");
    var field = form.querySelector("input[name=follow]");
    var follow = field.value !== "0";
    event.preventDefault();
    form.setAttribute("data-busy", "1");
    fetch("/api/v1/sources/" + encodeURIComponent(slug) + "/follow", {
      method: follow ? "POST" : "DELETE",
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }

      return response.json();
    }).then(function (result) {
      form.removeAttribute("data-busy");
      document.querySelectorAll("form[data-follow]").forEach(function (other) {
        if (other.getAttribute("data-follow") !== slug) {
          return;
        }

        var b = other.querySelector("button");
        other.querySelector("input[name=follow]").value = result.following ? "0" : "1";
        b.textContent = b.getAttribute(result.following ? "data-on" : "data-off");
        b.setAttribute("aria-label", b.getAttribute(result.following ? "data-label-on" : "data-label-off"));
        b.classList.toggle("follow__button--on", result.following);
        var status = other.querySelector("[role=status]");
        if (status) {
          status.textContent = b.getAttribute("aria-label");
        }
      });
      document.querySelectorAll("[data-follower-count]").forEach(function (count) {
        if (count.getAttribute("data-follower-count") === slug) {
          count.textContent = String(result.followerCount);
        }
      });
    }).catch(function () {
      // Signed out with DNT, throttled, or offline: the form's own answer says which.
      form.removeAttribute("data-busy");
      form.submit();
    });
  });
})();
