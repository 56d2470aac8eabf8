// The quiz's live pages: progressive enhancement only. The server sends an
// event whenever the run changes; this fetches the page again and swaps in
// its live part. Without JavaScript the pages' links and forms do the same.
(function () {
  "use strict";
  function start() {
    var live = document.getElementById("quiz-live");
    if (!live || !window.EventSource || !window.fetch) { return; }
    var url = live.getAttribute("data-quiz-events");
    var last = null;
    var source = new EventSource(url);
    source.addEventListener("state", function (e) {
      if (last === null) { last = e.data; return; }
      if (e.data === last) { return; }
      last = e.data;
      fetch(window.location.pathname, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("quiz-live");
          var current = document.getElementById("quiz-live");
          // Never swap away a choice the participant is making.
          if (fresh && current && !current.querySelector("input[type=radio]:checked")) {
            current.innerHTML = fresh.innerHTML;
          } else if (fresh && current && fresh.querySelector("form") === null) {
            current.innerHTML = fresh.innerHTML;
          }
        })
        .catch(function () {});
    });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
