// The editorial calendar by arrow key. Every day is already a link reached by Tab; this only adds
// moving between days: Left/Right a day, Up/Down a week in the month grid (a day in the week's
// list), Home/End the ends of the row, Page Up/Page Down the same day a month (or a week) earlier
// or later. Without JavaScript the page works the same, by Tab and links.
(function () {
  'use strict';
  var grid = document.getElementById('calendar-days');
  if (!grid) { return; }
  var columns = parseInt(grid.getAttribute('data-calendar'), 10) || 1;
  var days = Array.prototype.slice.call(grid.querySelectorAll('a[data-day]'));
  var help = document.getElementById('calendar-help');
  if (help) { help.hidden = false; }

  function visible(link) { return link.offsetParent !== null; }

  function move(from, step) {
    // On a phone the month is a list whose empty days of other months are hidden: skip them.
    for (var i = from + step; i >= 0 && i < days.length; i += step) {
      if (visible(days[i])) { days[i].focus(); return; }
    }
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // The same day a month (or a week) away; the 31st becomes the last day of a shorter month.
  function turn(link, delta) {
    var parts = link.id.replace('day-', '').split('-').map(Number);
    var target;
    if (columns === 7) {
      var shown = grid.getAttribute('data-month').split('-').map(Number);
      var first = new Date(Date.UTC(shown[0], shown[1] - 1 + delta, 1));
      var last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
      target = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(parts[2], last)));
    } else {
      target = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + 7 * delta));
    }
    var year = target.getUTCFullYear();
    if (year < 2000 || year > 2100) { return; }
    var day = year + '-' + pad(target.getUTCMonth() + 1) + '-' + pad(target.getUTCDate());
    window.location.assign(window.location.pathname + '?view=' + (columns === 7 ? 'month' : 'week') + '&date=' + day + '#day-' + day);
  }

  grid.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var index = days.indexOf(event.target);
    if (index < 0) { return; }
    var row = index - (index % columns);
    switch (event.key) {
      case 'ArrowLeft': move(index, -1); break;
      case 'ArrowRight': move(index, 1); break;
      case 'ArrowUp': move(index, -columns); break;
      case 'ArrowDown': move(index, columns); break;
      case 'Home': move(columns === 1 ? -1 : row - 1, 1); break;
      case 'End': move(columns === 1 ? days.length : row + columns, -1); break;
      case 'PageUp': turn(days[index], -1); break;
      case 'PageDown': turn(days[index], 1); break;
      default: return;
    }
    event.preventDefault();
  });

  // Arrived by Page Up/Down: the day takes the focus again.
  var arrived = window.location.hash.indexOf('#day-') === 0 && document.getElementById(window.location.hash.substring(1));
  if (arrived && days.indexOf(arrived) >= 0) { arrived.focus(); }
})();
