// The rating widget, enhanced: rate without leaving the page, and see your own score. The page
// itself is the same for every reader (it may be cached); this script asks the server for the
// current average and this reader's score. Without JavaScript the form posts and comes back (303).
// Every sentence shown comes from the server: the average's in the JSON, the others in the widget's
// data-text-* attributes.
(() => {
  'use strict';
  const widget = document.querySelector('[data-rating]');
  const form = widget && widget.querySelector('form');
  if (!form || !window.fetch) {
    return;
  }
  const url = form.getAttribute('action');
  const summary = widget.querySelector('[data-rating-summary]');
  const yours = widget.querySelector('[data-rating-yours]');
  const status = widget.querySelector('[data-rating-status]');
  const json = { Accept: 'application/json' };
  const text = (name, score) => (widget.dataset[`text${name}`] || '').replace('{score}', String(score));

  const show = (state) => {
    summary.textContent = state.summary;
    if (state.yourScore) {
      yours.textContent = text('Yours', state.yourScore);
      yours.hidden = false;
      const choice = form.querySelector(`input[name="score"][value="${state.yourScore}"]`);
      if (choice) {
        choice.checked = true;
      }
    }
  };

  const refresh = () => fetch(url, { headers: json, credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : null))
    .then((state) => state && show(state))
    .catch(() => { /* the server-rendered average stays */ });

  // The current figures are asked for when the widget comes near the screen, not on every page
  // view: most readers of a long statement never reach it, and the page paints without the work.
  if ('IntersectionObserver' in window) {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        refresh();
      }
    }, { rootMargin: '0px 0px 400px 0px' });
    observer.observe(widget);
  } else {
    refresh();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = new URLSearchParams(new FormData(form));
    if (!body.has('score')) {
      status.textContent = text('Choose');
      return;
    }
    status.textContent = text('Saving');
    try {
      const response = await fetch(url, { method: 'POST', body, headers: json, credentials: 'same-origin' });
      if (response.ok) {
        const state = await response.json();
        show(state);
        status.textContent = text('Saved', state.yourScore);
      } else if (response.status === 429) {
        status.textContent = text('Limited');
      } else {
        status.textContent = text('Failed');
      }
    } catch {
      status.textContent = text('Offline');
    }
  });
})();
