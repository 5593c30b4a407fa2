// The editor's lead image select: shows a small picture of the chosen image beside it.
(function () {
    "use strict";
    var select = document.getElementById("LeadImageId");
    var preview = document.querySelector(".lead-image-choice__preview");
    if (!select || !preview) {
        return;
    }
    select.addEventListener("change", function () {
        var option = select.options[select.selectedIndex];
        var thumbnail = option ? option.getAttribute("data-thumbnail") : null;
        if (thumbnail) {
            preview.src = thumbnail;
            preview.hidden = false;
        } else {
            preview.removeAttribute("src");
            preview.hidden = true;
        }
    });
})();
