// The front page screen: reorder the chosen stories by drag and drop or with the Up and
// Down buttons. The form works without this script (position numbers); the script keeps
// those numbers in step with the order on screen, so saving sends what the editor sees.
// Its texts come from the page (data-moved), written there in the newsroom's language.
(function () {
  "use strict";
  var form = document.getElementById("front-form");
  var list = document.getElementById("front-list");
  var status = document.getElementById("front-status");
  if (!form || !list) { return; }
  var dragged = null;

  function items() { return Array.prototype.slice.call(list.querySelectorAll("li.front-item")); }

  // renumber writes each story's place into its position field and says where the moved
  // story now stands.
  function renumber(moved) {
    var all = items();
    all.forEach(function (li, i) {
      var pos = li.querySelector("input.pos");
      if (pos) { pos.value = String(i + 1); }
    });
    if (moved && status) {
      status.textContent = (form.getAttribute("data-moved") || "")
        .replace("{headline}", moved.getAttribute("data-headline") || "")
        .replace("{pos}", String(all.indexOf(moved) + 1))
        .replace("{count}", String(all.length));
    }
  }

  function move(li, up) {
    var other = up ? li.previousElementSibling : li.nextElementSibling;
    if (!other) { return; }
    if (up) { list.insertBefore(li, other); } else { list.insertBefore(other, li); }
    renumber(li);
  }

  items().forEach(function (li) {
    li.setAttribute("draggable", "true");
    li.classList.add("draggable");
    li.querySelectorAll("button.move-up, button.move-down").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        move(li, b.classList.contains("move-up"));
        b.focus(); // the button moved with its story: keep the keyboard there
      });
    });
  });

  list.addEventListener("dragstart", function (e) {
    var li = e.target.closest ? e.target.closest("li.front-item") : null;
    if (!li) { return; }
    dragged = li;
    li.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", li.getAttribute("data-headline") || "");
  });
  list.addEventListener("dragover", function (e) {
    if (!dragged) { return; }
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    var over = e.target.closest ? e.target.closest("li.front-item") : null;
    if (!over || over === dragged) { return; }
    var box = over.getBoundingClientRect();
    var after = e.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextElementSibling : over);
  });
  list.addEventListener("drop", function (e) {
    if (dragged) { e.preventDefault(); }
  });
  list.addEventListener("dragend", function () {
    if (!dragged) { return; }
    dragged.classList.remove("dragging");
    renumber(dragged);
    dragged = null;
  });
})();
