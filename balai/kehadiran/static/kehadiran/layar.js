/* Office screen: fetch a new code when the current one's 30-second slot ends, count down, and
   go full screen on request. Self-hosted, no inline script (strict CSP). */
(function () {
  "use strict";
  var root = document.querySelector("[data-layar]");
  if (!root) return;
  var box = root.querySelector("[data-layar-kode]");
  var galat = root.querySelector("[data-layar-galat]");
  var timer = null;
  var gagal = 0;

  function sisa() {
    var qr = box.querySelector("[data-sisa]");
    return qr ? parseInt(qr.getAttribute("data-sisa"), 10) || 30 : 30;
  }

  function hitungMundur(detik) {
    var span = box.querySelector("[data-hitung]");
    clearInterval(timer);
    timer = setInterval(function () {
      detik = Math.max(0, detik - 1);
      if (span) span.textContent = detik;
    }, 1000);
  }

  function muat() {
    fetch(root.getAttribute("data-url"), { credentials: "same-origin", redirect: "error", cache: "no-store" })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      })
      .then(function (html) {
        box.innerHTML = html;
        gagal = 0;
        galat.hidden = true;
        jadwalkan(sisa());
      })
      .catch(function () {
        gagal += 1;
        galat.hidden = gagal < 2;
        setTimeout(muat, 3000);
      });
  }

  function jadwalkan(detik) {
    hitungMundur(detik);
    setTimeout(muat, detik * 1000);
  }

  var penuh = root.querySelector("[data-layar-penuh]");
  if (penuh && document.documentElement.requestFullscreen) {
    penuh.addEventListener("click", function () {
      document.documentElement.requestFullscreen().catch(function () {});
    });
  } else if (penuh) {
    penuh.hidden = true;
  }
  jadwalkan(sisa());
})();
