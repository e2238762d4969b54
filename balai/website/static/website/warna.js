// Colour fields: the palette and the hex box edit the same value (the hex box is the one sent).
document.querySelectorAll("[data-warna]").forEach(function (box) {
  var palet = box.querySelector("[data-warna-palet]");
  var hex = box.querySelector("input[type=text]");
  palet.addEventListener("input", function () { hex.value = palet.value; });
  hex.addEventListener("input", function () {
    if (/^#[0-9a-fA-F]{6}$/.test(hex.value)) palet.value = hex.value.toLowerCase();
  });
});
