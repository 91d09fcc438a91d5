// Injected into a copy of the report by test_browser.py (the report itself has no script):
// measures the layout once the page has loaded and writes the numbers into the DOM as JSON.
window.addEventListener("load", function () {
  var main = document.querySelector("table.main");
  var box = main.getBoundingClientRect();
  var widest = 0, overflow = 0, culprit = "";
  main.querySelectorAll("*").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > widest) { widest = r.width; culprit = el.tagName + "." + el.className; }
    overflow = Math.max(overflow, r.right - box.right);
  });
  function top(id) { return document.getElementById(id).getBoundingClientRect().top; }
  var out = {
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    mainWidth: box.width,
    widest: widest,
    widestElement: culprit,
    overflowRight: overflow,
    sections: Array.prototype.map.call(document.querySelectorAll("td.section"), function (td) { return td.id; }),
    tops: { behind: top("behind"), others: top("others"), notes: top("notes") },
    images: document.images.length,
    charts: document.querySelectorAll("svg.chart").length
  };
  var pre = document.createElement("pre");
  pre.id = "measurements";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
