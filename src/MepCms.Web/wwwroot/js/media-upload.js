// Says at once when a chosen file is larger than the upload limit, instead of after sending it.
// The server checks again; without JavaScript its answer is the only one.
(function () {
  'use strict';
  var inputs = document.querySelectorAll('input[type="file"][data-max-bytes]');
  Array.prototype.forEach.call(inputs, function (input) {
    var max = Number(input.getAttribute('data-max-bytes'));
    var note = document.createElement('p');
    note.className = 'media-upload__error';
    note.setAttribute('role', 'alert');
    note.hidden = true;
    input.insertAdjacentElement('afterend', note);
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      var message = '';
      if (file && file.size > max) {
        message = 'This file is ' + (file.size / 1048576).toFixed(1) + ' MB; images may be at most ' +
          input.getAttribute('data-max-text') + '. Please choose a smaller file.';
      }
      input.setCustomValidity(message);
      note.textContent = message;
      note.hidden = message === '';
    });
  });
})();
