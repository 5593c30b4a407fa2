// The statement editor: EasyMDE on the body textarea and a live preview rendered by the server's own
// Markdown pipeline, so what the officer sees is what the public page will show. Without JavaScript
// the body is a plain textarea and the preview pane stays empty.
(function () {
  'use strict';
  var textarea = document.getElementById('BodyMarkdown');
  if (!textarea) { return; }
  var form = textarea.form;
  var target = document.getElementById(textarea.getAttribute('data-preview-target'));
  var url = textarea.getAttribute('data-preview-url');
  var tokenInput = form.querySelector('input[name="__RequestVerificationToken"]');
  var timer = null;
  var sequence = 0;
  var read = function () { return textarea.value; };
  var selection = function () { return textarea.value.substring(textarea.selectionStart, textarea.selectionEnd); };

  function render() {
    var mine = ++sequence;
    var body = new URLSearchParams();
    body.append('markdown', read());
    var language = document.getElementById('Language');
    if (language) { body.append('language', language.value); }
    if (tokenInput) { body.append('__RequestVerificationToken', tokenInput.value); }
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        // Only the newest answer counts; the HTML is the server's sanitised rendering.
        if (mine === sequence) { target.innerHTML = html; }
      })
      .catch(function () { if (mine === sequence) { target.textContent = 'The preview is not available right now.'; } });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(render, 300);
  }

  if (window.EasyMDE) {
    var button = function (name, action, text, title) { return { name: name, action: action, text: text, title: title }; };
    var editor = new window.EasyMDE({
      element: textarea,
      autoDownloadFontAwesome: false,
      spellChecker: false,
      nativeSpellcheck: true,
      forceSync: true,
      status: ['lines', 'words'],
      toolbar: [
        button('bold', window.EasyMDE.toggleBold, 'B', 'Bold'),
        button('italic', window.EasyMDE.toggleItalic, 'I', 'Italic'),
        button('heading', window.EasyMDE.toggleHeading2, 'H2', 'H2 heading'),
        button('quote', window.EasyMDE.toggleBlockquote, '“ ”', 'Quote'),
        button('unordered-list', window.EasyMDE.toggleUnorderedList, '• List', 'Bulleted list'),
        button('ordered-list', window.EasyMDE.toggleOrderedList, '1. List', '1. List, numbered'),
        button('link', window.EasyMDE.drawLink, 'Link', 'Insert a link'),
        button('table', window.EasyMDE.drawTable, 'Table', 'Insert a table')
      ]
    });
    read = function () { return editor.value(); };
    selection = function () { return editor.codemirror.getSelection(); };
    // The editing surface replaces the labelled textarea: it carries the same name for screen readers.
    editor.codemirror.getInputField().setAttribute('aria-label', 'Body (Markdown)');
    editor.codemirror.on('change', schedule);
  } else {
    textarea.addEventListener('input', schedule);
  }
  render();

  // Comments: "Quote the selection" copies the words selected in the body into the comment's quote.
  var quoteButton = document.getElementById('quote-selection');
  var quote = document.getElementById('comment-quote');
  if (quoteButton && quote) {
    quoteButton.hidden = false;
    quoteButton.addEventListener('click', function () {
      var text = selection().trim();
      if (!text) { quote.focus(); return; }
      quote.value = text.substring(0, quote.maxLength > 0 ? quote.maxLength : 500);
      document.getElementById('comment-text').focus();
    });
  }
})();
