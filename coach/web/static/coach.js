// Loaded before textual-serve's client. The client opens links shown in the app (and the
// app's own requests to open one) with window.open; in the coach's browser mode no link is
// opened. The one thing it may open is a download from this server, which is fetched in
// this tab so that the session cookie goes with it and no other window appears.
(function () {
  "use strict";
  window.open = function (url) {
    if (typeof url !== "string") {
      return null;
    }
    const target = new URL(url, window.location.href);
    if (target.origin === window.location.origin && target.pathname.startsWith("/download/")) {
      const link = document.createElement("a");
      link.href = target.pathname;
      link.download = "";
      document.body.appendChild(link);
      link.click();
      link.remove();
    }
    return null;
  };
  window.addEventListener("DOMContentLoaded", function () {
    const again = document.getElementById("open-again");
    if (again) {
      again.addEventListener("click", function () {
        window.location.reload();
      });
    }
  });
})();
