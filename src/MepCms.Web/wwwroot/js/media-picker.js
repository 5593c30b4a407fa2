// The statement editor's image picker: lists the library, uploads a new image, and inserts
// ![alt](/media/…) at the cursor of the body (EasyMDE's editor when it runs, the textarea otherwise).
(function () {
  'use strict';
  var picker = document.querySelector('.media-picker');
  if (!picker || !window.fetch || !window.FormData) { return; }
  var textarea = document.getElementById(picker.getAttribute('data-target'));
  var toggle = picker.querySelector('.media-picker__toggle');
  var panel = picker.querySelector('.media-picker__panel');
  var list = picker.querySelector('.media-picker__list');
  var empty = picker.querySelector('.media-picker__empty');
  var status = picker.querySelector('.media-picker__status');
  var file = document.getElementById('media-picker-file');
  var alt = document.getElementById('media-picker-alt');
  var token = textarea.form.querySelector('input[name="__RequestVerificationToken"]');
  picker.hidden = false;

  function editor() {
    var wrapper = textarea.parentNode.querySelector('.CodeMirror');
    return wrapper && wrapper.CodeMirror;
  }

  function insert(markdown) {
    var cm = editor();
    if (cm) {
      cm.replaceSelection(markdown);
      close();
      cm.focus();
      return;
    }
    textarea.setRangeText(markdown, textarea.selectionStart, textarea.selectionEnd, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    close();
    textarea.focus();
  }

  function choice(item) {
    var li = document.createElement('li');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'media-picker__choice';
    var img = document.createElement('img');
    img.src = item.url;
    img.alt = '';
    img.width = item.width;
    img.height = item.height;
    img.loading = 'lazy';
    var text = document.createElement('span');
    text.textContent = item.altText || '(no alternative text)';
    button.appendChild(img);
    button.appendChild(text);
    button.addEventListener('click', function () { insert(item.markdown); });
    li.appendChild(button);
    return li;
  }

  function load() {
    status.textContent = 'Loading images…';
    return fetch(picker.getAttribute('data-picker-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (items) {
        list.replaceChildren.apply(list, items.map(choice));
        empty.hidden = items.length > 0;
        status.textContent = '';
      })
      .catch(function () { status.textContent = 'The images could not be loaded. Please try again.'; });
  }

  function open() {
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    load().then(function () {
      var first = list.querySelector('button') || file;
      first.focus();
    });
  }

  function close() {
    panel.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
  }

  function upload() {
    if (!file.files || file.files.length === 0) { status.textContent = 'Choose an image file first.'; file.focus(); return; }
    if (!file.checkValidity()) { status.textContent = file.validationMessage; file.focus(); return; }
    if (alt.value.trim() === '') { status.textContent = 'Describe the image in the alternative text first.'; alt.focus(); return; }
    var body = new FormData();
    body.append('File', file.files[0]);
    body.append('AltText', alt.value);
    if (token) { body.append('__RequestVerificationToken', token.value); }
    status.textContent = 'Uploading…';
    fetch(picker.getAttribute('data-upload-url'), { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.json().catch(function () { return { error: 'The upload failed. Please try again.' }; });
      })
      .then(function (result) {
        if (result.error || !result.markdown) { status.textContent = result.error || 'The upload failed. Please try again.'; return; }
        file.value = '';
        alt.value = '';
        status.textContent = '';
        insert(result.markdown);
      })
      .catch(function () { status.textContent = 'The upload failed. Please try again.'; });
  }

  toggle.addEventListener('click', function () { if (panel.hidden) { open(); } else { close(); } });
  picker.querySelector('.media-picker__close').addEventListener('click', function () { close(); toggle.focus(); });
  picker.querySelector('.media-picker__upload').addEventListener('click', upload);
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { event.preventDefault(); close(); toggle.focus(); }
  });
})();
