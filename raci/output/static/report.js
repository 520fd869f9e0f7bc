/* Draws every chart of the meeting pack from its JSON block (figure[data-figure] names the block), and redraws
   them to the paper's width before and after printing. Inlined into the page inside a function that first
   defines `config`, the Plotly config every chart is drawn with. */
var charts = [];
document.querySelectorAll("figure[data-figure]").forEach(function (box) {
  var spec = JSON.parse(document.getElementById(box.getAttribute("data-figure")).textContent);
  charts.push(box);
  Plotly.newPlot(box, spec.data, spec.layout, config);
});
function fit() { charts.forEach(function (box) { Plotly.Plots.resize(box); }); }
window.addEventListener("beforeprint", fit);
window.addEventListener("afterprint", fit);
