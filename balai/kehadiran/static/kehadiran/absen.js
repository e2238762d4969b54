/* Check-in form where the village asks for the phone's location: ask the browser (Geolocation
   API), put latitude, longitude and accuracy into the form, and say what happened. The server
   decides; this only collects. Self-hosted, no inline script (strict CSP). */
(function () {
  "use strict";
  var form = document.querySelector("form.absen[data-lokasi='wajib']");
  if (!form) return;
  var status = form.querySelector("[data-lokasi-status]");
  var tombol = form.querySelector("[data-absen-tombol]");

  function isi(nama, nilai) {
    var input = form.querySelector("input[name='" + nama + "']");
    if (input) input.value = nilai;
  }

  function tulis(teks, ok) {
    status.textContent = teks;
    status.classList.toggle("ok", !!ok);
  }

  if (!("geolocation" in navigator)) {
    tulis("Peramban ini tidak dapat membaca lokasi. Gunakan Chrome atau Firefox terbaru.");
    return;
  }
  tombol.disabled = true;
  navigator.geolocation.getCurrentPosition(
    function (pos) {
      isi("lintang", pos.coords.latitude.toFixed(6));
      isi("bujur", pos.coords.longitude.toFixed(6));
      isi("akurasi", Math.round(pos.coords.accuracy));
      tulis("Lokasi ditemukan (ketelitian ± " + Math.round(pos.coords.accuracy) + " m).", true);
      tombol.disabled = false;
    },
    function (err) {
      var pesan = err.code === 1
        ? "Akses lokasi ditolak. Izinkan lokasi untuk situs ini di pengaturan peramban, lalu muat ulang."
        : "Lokasi belum dapat dibaca. Pastikan GPS menyala, lalu muat ulang halaman.";
      tulis(pesan);
      tombol.disabled = false; // the server will say why it refuses a check-in without location
    },
    { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 }
  );
})();
