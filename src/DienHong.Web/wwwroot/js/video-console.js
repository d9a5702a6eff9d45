// A site console's video: embeds the meeting's room from the configured Jitsi Meet server with
// its IFrame API (external_api.js is served by that server itself) and tells the platform what it
// sees, so the sites board shows it and a drop opens an incident.
const loaded = new Map();

function script(url) {
  if (!loaded.has(url)) {
    loaded.set(url, new Promise((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = url;
      tag.onload = resolve;
      tag.onerror = () => { loaded.delete(url); reject(new Error(url)); };
      document.head.appendChild(tag);
    }));
  }
  return loaded.get(url);
}

export async function start(frame, status, join, reportUrl, labels) {
  const report = body => fetch(reportUrl, {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  }).catch(() => { });
  const show = (text, bad) => { status.textContent = text; status.className = `console-status ${bad ? 'not-ready' : 'ready'}`; };
  try {
    await script(join.scriptUrl);
  } catch {
    show(labels.unreachable, true);
    report({ event: 'Error', message: labels.unreachable });
    return null;
  }

  // eslint-disable-next-line no-undef
  const api = new JitsiMeetExternalAPI(join.domain, {
    roomName: join.room, jwt: join.token, parentNode: frame, width: '100%', height: 360,
    configOverwrite: { prejoinConfig: { enabled: false } },
  });
  const count = () => {
    const people = api.getNumberOfParticipants();
    show(labels.inRoom.replace('{0}', people), false);
    report({ event: 'Participants', participants: people });
  };
  show(labels.joining, false);
  api.addListener('videoConferenceJoined', () => {
    const people = api.getNumberOfParticipants();
    show(labels.inRoom.replace('{0}', people), false);
    report({ event: 'Joined', participants: people, quality: 'Good' });
  });
  api.addListener('videoConferenceLeft', () => { show(labels.left, true); report({ event: 'Left' }); });
  api.addListener('participantJoined', count);
  api.addListener('participantLeft', count);
  api.addListener('errorOccurred', e => {
    const message = [e.name, e.message].filter(Boolean).join(': ') || labels.error;
    if (e.isFatal) show(message, true);
    report({ event: 'Error', message, fatal: !!e.isFatal });
  });
  // The media path failed: the picture and sound are at risk even if the room still holds.
  api.addListener('peerConnectionFailure', () => report({ event: 'Quality', quality: 'Poor' }));
  return api;
}

export function stop(api) {
  if (api) api.dispose();
}
