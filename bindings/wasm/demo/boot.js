// Runs before the page's module, as a classic script (the Content-Security-Policy allows no
// inline script). A browser too old for the page's JavaScript says so, instead of "Loading…"
// for ever: one that cannot run modules at all, and one whose module fails to start.
(function () {
  var say = function (text) {
    var loading = document.getElementById("loading");
    if (loading && !document.body.classList.contains("ready")) loading.textContent = text;
  };
  window.addEventListener("error", function (event) {
    say("This browser could not start the page (" + (event.message || "error") + "). Try a browser updated since 2021.");
  });
  if (!("noModule" in document.createElement("script"))) {
    document.addEventListener("DOMContentLoaded", function () {
      say("This browser is too old to run the page. Try a browser updated since 2021.");
    });
  }
})();
