// A site console's heartbeat: while the page is open the browser tells the server every few
// seconds, so the sites board shows the site online; when the page closes, the beats stop and the
// site turns offline after the configured silence.
export function start(url, milliseconds) {
  const beat = () => fetch(url, { method: 'POST', credentials: 'same-origin' }).catch(() => { });
  beat();
  return setInterval(beat, milliseconds);
}

export function stop(handle) {
  clearInterval(handle);
}
