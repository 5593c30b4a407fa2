// The rating widget, enhanced: rate without leaving the page, and see your own score. The page
// itself is the same for every reader (it may be cached); this script asks the server for the
// current average and this reader's score. Without JavaScript the form posts and comes back (303).
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

  const summaryText = (average, count) => count === 0
    ? 'No ratings yet'
    : `The average score is ${average.toFixed(1)} / 5 (${count} ${count === 1 ? 'rating' : 'ratings'})`;

  const show = (state) => {
    summary.textContent = summaryText(state.average, state.count);
    if (state.yourScore) {
      yours.textContent = `Your score: ${state.yourScore}`;
      yours.hidden = false;
      const choice = form.querySelector(`input[name="score"][value="${state.yourScore}"]`);
      if (choice) {
        choice.checked = true;
      }
    }
  };

  fetch(url, { headers: json, credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : null))
    .then((state) => state && show(state))
    .catch(() => { /* the server-rendered average stays */ });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = new URLSearchParams(new FormData(form));
    if (!body.has('score')) {
      status.textContent = 'Choose a score from 1 to 5 first.';
      return;
    }
    status.textContent = 'Saving your score…';
    try {
      const response = await fetch(url, { method: 'POST', body, headers: json, credentials: 'same-origin' });
      if (response.ok) {
        const state = await response.json();
        show(state);
        status.textContent = `Thank you, your score of ${state.yourScore} has been saved.`;
      } else if (response.status === 429) {
        status.textContent = 'Too many ratings from your network just now. Please try again in a minute.';
      } else {
        status.textContent = 'Your score could not be saved. Please try again.';
      }
    } catch {
      status.textContent = 'The site could not be reached. Please try again.';
    }
  });
})();
