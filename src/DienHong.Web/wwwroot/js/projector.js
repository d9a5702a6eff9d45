// The projector: a meeting's public view for the hall's screen and the streams, from the live
// core's server-sent events (no Blazor circuit). A snapshot gives the whole state; "sitting"
// carries the current item, "floor" the speaker and the next in the queue, "presence" one site going on- or
// offline, "motion" a vote opened, closed or announced. The countdown runs here from the deadline
// the server sent once.
import { serverNow, start } from './countdown.js';

const root = document.getElementById('projector');
const L = JSON.parse(root.dataset.labels);
const state = { conduct: null, floor: null, sites: new Map(), motions: [] };
const $ = id => document.getElementById(id);
const escape = text => String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
let source;

function connect() {
  source = new EventSource(root.dataset.events);
  source.addEventListener('ready', e => { serverNow(JSON.parse(e.data).at); $('p-live').className = 'live-dot on'; });
  source.addEventListener('snapshot', e => {
    const data = JSON.parse(e.data).data;
    state.conduct = data.sitting;
    state.floor = data.floor;
    state.sites = new Map((data.floor?.sites || []).map(s => [s.id, s]));
    state.motions = data.motions || [];
    render();
  });
  source.onmessage = e => apply(JSON.parse(e.data));
  source.onerror = () => {
    $('p-live').className = 'live-dot off';
    // Revoked or unknown link: the stream answers 404 and EventSource gives up; say so.
    if (source.readyState === EventSource.CLOSED) $('p-ended').hidden = false;
  };
}

function apply(event) {
  switch (event.type) {
    case 'sitting': state.conduct = event.data; break;
    case 'floor': state.floor = { ...event.data, sites: state.floor?.sites }; break;
    case 'presence': {
      const site = state.sites.get(event.data.siteId);
      if (site) site.online = event.data.online;
      break;
    }
    case 'motion':
      state.motions = [...state.motions.filter(m => m.id !== event.data.id), event.data];
      break;
    case 'projector.revoked':
      if (String(event.data.linkId) === root.dataset.link) { source.close(); $('p-ended').hidden = false; }
      return;
    default: return;
  }
  render();
}

const kindOf = r => r.kind === 'PointOfOrder' ? L.pointOfOrder : r.kind === 'Reply' ? L.reply : '';

function render() {
  const c = state.conduct;
  const item = c && c.agenda.find(a => a.current);
  const sitting = c && c.sittings.find(s => s.id === c.runningSittingId);
  $('p-item').textContent = item ? `${L.item} ${item.order}. ${item.content}` : (sitting ? sitting.title : L.noItem);
  $('p-sitting').textContent = sitting ? `${sitting.title}${sitting.state === 'Paused' ? ' · ' + L.paused : ''}` : '';

  const f = state.floor;
  const speaker = f && f.speaker;
  $('p-speaker').hidden = !speaker;
  $('p-idle').hidden = !!speaker;
  if (speaker) {
    $('p-name').textContent = speaker.name;
    $('p-unit').textContent = speaker.wholeSite ? L.wholeSite : (speaker.address || '');
    $('p-site').textContent = speaker.siteName;
    // A whole site speaking is named once, as the speaker.
    $('p-site').parentElement.hidden = speaker.wholeSite;
    $('p-kind').textContent = kindOf(speaker);
    $('p-kind').hidden = !kindOf(speaker);
    $('p-turn').textContent = speaker.turn > 1 ? L.secondTurn : '';
    const clock = $('p-countdown');
    if (speaker.deadline) { clock.dataset.deadline = speaker.deadline; delete clock.dataset.remaining; }
    else { delete clock.dataset.deadline; clock.dataset.remaining = speaker.remainingSeconds ?? 0; }
  }

  const queue = f && f.agendaItemId === (item && item.itemId) ? f.queue : [];
  $('p-next').innerHTML = queue.slice(0, 5).map((r, i) =>
    `<li><span class="p-pos">${i + 1}</span> <strong>${escape(r.name)}</strong>${kindOf(r) ? ` <em class="p-tag">${escape(kindOf(r))}</em>` : ''} <span class="p-from">${escape(r.siteName)}</span></li>`).join('');
  // The snapshot carries the whole queue; a "floor" event its first five and how many wait (queueCount).
  const waiting = f && f.queueCount !== undefined ? f.queueCount : queue.length;
  $('p-more').textContent = waiting > 5 ? L.more.replace('{0}', waiting - 5) : '';
  $('p-queue').hidden = queue.length === 0;
  $('p-closed').hidden = !(f && f.closed && f.agendaItemId === (item && item.itemId));

  renderVote(item, speaker);

  const sites = [...state.sites.values()];
  const online = sites.filter(s => s.online).length;
  const present = sites.reduce((n, s) => n + s.present, 0);
  const offline = sites.filter(s => !s.online).map(s => s.name);
  $('p-sites').textContent = sites.length
    ? L.sites.replace('{0}', online).replace('{1}', sites.length).replace('{2}', present)
      + (offline.length && offline.length <= 8 ? ` · ${L.offline}: ${offline.join(', ')}` : '')
    : '';
}

// While a vote is open the screen says so; after close it shows the result as the National
// Assembly's screen does (counts and percentages of all members, THÔNG QUA or not) until the chair
// moves on to another item or gives the floor. A secret ballot shows only once the committee confirmed it.
function renderVote(item, speaker) {
  const open = state.motions.find(m => m.state === 'Open');
  const last = state.motions
    .filter(m => m.state === 'Closed' && item && m.agendaItemId === item.itemId)
    .sort((a, b) => (b.closedAt || '').localeCompare(a.closedAt || ''))[0];
  const motion = open || (!speaker && last);
  $('p-vote').hidden = !motion;
  if (!motion) return;
  $('p-speaker').hidden = true;
  $('p-idle').hidden = true;
  $('p-queue').hidden = true;
  const result = motion.state === 'Closed' ? motion.result : null;
  $('p-vote-state').textContent = open ? L.voting : result ? L.result : L.counting;
  $('p-vote-state').className = 'p-vote-state' + (open ? ' on' : '');
  $('p-vote-title').textContent = motion.title;
  $('p-vote-lines').innerHTML = result
    ? `<li class="p-vote-members">${escape(L.members.replace('{0}', result.members))}</li>` + result.lines.map(l => `<li>${escape(l)}</li>`).join('')
    : '';
  const verdict = !result ? '' : motion.method === 'Open' ? (result.passed ? L.passed : L.failed) : ballotVerdict(motion);
  $('p-vote-verdict').textContent = verdict;
  $('p-vote-verdict').className = 'p-vote-verdict' + (verdict ? (result.passed ? ' passed' : ' failed') : '');
}

// A secret ballot's verdict names who is elected (or dismissed); a vote of confidence has none.
function ballotVerdict(motion) {
  if (motion.ballotKind === 'Confidence') return '';
  const chosen = motion.candidates.filter(c => c.elected).map(c => c.name).join(', ');
  if (!chosen) return L.noneElected;
  return (motion.ballotKind === 'Dismissal' ? L.dismissed : L.elected).replace('{0}', chosen);
}

setInterval(() => {
  const now = new Date(Date.now() + 7 * 3600 * 1000);
  $('p-clock').textContent = `${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
}, 1000);
start();
connect();
