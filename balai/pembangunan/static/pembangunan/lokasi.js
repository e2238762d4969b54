// "Pakai lokasi saya": fills the project's latitude and longitude from the phone's GPS, for an
// operator standing at the works. Without geolocation the button stays hidden.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var tombol = document.querySelector("[data-lokasi-saya]");
    var lat = document.querySelector('[data-peta="lat"]');
    var lng = document.querySelector('[data-peta="lng"]');
    var pesan = document.querySelector("[data-lokasi-pesan]");
    if (!tombol || !lat || !lng || !("geolocation" in navigator)) return;
    tombol.hidden = false;
    tombol.addEventListener("click", function () {
      pesan.textContent = "Mencari lokasi…";
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          lat.value = pos.coords.latitude.toFixed(6);
          lng.value = pos.coords.longitude.toFixed(6);
          pesan.textContent = "Lokasi terisi (ketelitian ±" + Math.round(pos.coords.accuracy) + " m).";
        },
        function () {
          pesan.textContent = "Lokasi tidak dapat dibaca; isi lintang dan bujur secara manual.";
        },
        { enableHighAccuracy: true, timeout: 15000 }
      );
    });
  });
})();
