/*
 * The resource form's two helps (templates/resources/resource_form.html), both progressive
 * enhancements of fields that work without JavaScript:
 *
 * - Tag suggestions for every tag typed. A <datalist> compares the whole field with each
 *   suggestion, so alone it helps with the first tag only. Here its options become « what is
 *   typed before the tag being typed » + each tag not yet entered + « , »: the browser's own
 *   list (keyboard and screen reader included) then suggests the tag being typed, and choosing
 *   one keeps the tags before it and makes room for the next.
 * - « Organisations choisies »: its organisations shown only while that audience is chosen, and
 *   a box that filters them by name (accents and case ignored; ticked ones stay shown).
 */
(function () {
  "use strict";

  // core.tags splits on the Latin comma and on the Arabic one.
  var SEPARATOR = /[,\u060c]/;

  function simplified(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  /* What comes before the tag being typed (up to its last comma and the spaces after it), and
     that tag. */
  function splitTyped(value) {
    var match = /^([\s\S]*[,\u060c]\s*)?([^,\u060c]*)$/.exec(value);
    return { before: match[1] || "", typing: match[2] };
  }

  function suggestTags(input) {
    var datalist = document.getElementById(input.getAttribute("list"));
    if (!datalist) {
      return;
    }
    var tags = Array.prototype.map.call(datalist.options, function (option) {
      return option.value;
    });
    var shownFor = null;

    function update() {
      var before = splitTyped(input.value).before;
      if (before === shownFor) {
        return;
      }
      shownFor = before;
      var entered = before
        .split(SEPARATOR)
        .map(simplified)
        .filter(function (tag) {
          return tag;
        });
      var options = document.createDocumentFragment();
      tags.forEach(function (tag) {
        if (entered.indexOf(simplified(tag)) === -1) {
          var option = document.createElement("option");
          option.value = before + tag + ", ";
          options.appendChild(option);
        }
      });
      datalist.replaceChildren(options);
    }

    input.addEventListener("input", update);
    input.addEventListener("focus", update);
    update();
  }

  function filterOrganisations(group) {
    var filter = group.querySelector("[data-organisation-filter]");
    var box = filter.querySelector("input[type=search]");
    var count = filter.querySelector("[data-filter-count]");
    var rows = Array.prototype.slice.call(group.querySelectorAll(".resource-audience__choices li"));
    var names = rows.map(function (row) {
      return simplified(row.textContent);
    });

    function update() {
      var wanted = simplified(box.value);
      var shown = 0;
      rows.forEach(function (row, index) {
        var checkbox = row.querySelector("input");
        var visible = !wanted || names[index].indexOf(wanted) !== -1 || (checkbox && checkbox.checked);
        row.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      count.textContent = wanted ? count.dataset.filterCount.replace("{count}", shown) : "";
    }

    box.addEventListener("input", update);
    // Enter in the box filters; it must not send the form.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    filter.hidden = false;
  }

  function showWithItsChoice(group) {
    var radio = document.getElementById(group.dataset.shownWith);
    if (!radio) {
      return;
    }
    var radios = radio.form.querySelectorAll('input[type=radio][name="' + radio.name + '"]');
    function update() {
      group.hidden = !radio.checked;
    }
    Array.prototype.forEach.call(radios, function (other) {
      other.addEventListener("change", update);
    });
    radio.setAttribute("aria-controls", group.id);
    update();
  }

  document.querySelectorAll("input[data-tag-suggestions][list]").forEach(suggestTags);
  document.querySelectorAll(".resource-audience__organisations").forEach(function (group) {
    filterOrganisations(group);
    showWithItsChoice(group);
  });
})();
