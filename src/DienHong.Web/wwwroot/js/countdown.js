// Speaking-time countdowns. The server sends a speech's deadline once (again only when the chair
// pauses, resumes or extends); every page counts down by itself. An element with
// data-countdown shows the time left from data-deadline (running) or data-remaining (paused,
// seconds); data-now is the server's time when the page was rendered, so a wrong clock on the
// device does not shift the countdown. The last 30 seconds show in the warning colour.
let offset = 0;
let lastNow = '';

/** The server's time now is `iso` (an event's or the page's): later countdowns use the server's clock. */
export function serverNow(iso) {
  if (iso) offset = Date.parse(iso) - Date.now();
}

export function secondsLeft(el) {
  if (el.dataset.deadline) return Math.ceil((Date.parse(el.dataset.deadline) - (Date.now() + offset)) / 1000);
  return Number(el.dataset.remaining || 0);
}

export function format(seconds) {
  const sign = seconds < 0 ? '+' : '';
  const s = Math.abs(seconds);
  return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function render(el) {
  if (el.dataset.now && el.dataset.now !== lastNow) {
    lastNow = el.dataset.now;
    serverNow(lastNow);
  }

  const left = secondsLeft(el);
  const text = format(left);
  if (el.textContent !== text) el.textContent = text;
  el.classList.toggle('warning', left > 0 && left <= 30);
  el.classList.toggle('over', left <= 0);
  el.classList.toggle('paused', !el.dataset.deadline);
}

let timer;

/** Keeps every [data-countdown] on the page current, four times a second. */
export function start() {
  if (timer) return;
  const tick = () => document.querySelectorAll('[data-countdown]').forEach(render);
  tick();
  timer = setInterval(tick, 250);
}
