// The sites board: renders a meeting's readiness from the live core's server-sent events.
// A snapshot event gives the whole board; each later event carries the new state of one thing
// (a site's tile, a site's presence, a task). EventSource reconnects by itself and sends the last
// id it got (Last-Event-ID), so the server sends only what was missed, or a new snapshot.
const root = document.getElementById('board');
const L = JSON.parse(root.dataset.labels);
const levels = ['Central', 'Province', 'District', 'Commune'];
const board = { checks: [], sites: new Map(), tasks: new Map() };
const controls = {
  search: document.getElementById('board-search'),
  level: document.getElementById('board-level'),
  state: document.getElementById('board-state'),
  sort: document.getElementById('board-sort'),
  group: document.getElementById('board-group'),
};
const live = document.getElementById('board-live');
let source;
let pending = false;

const format = (text, ...args) => args.reduce((t, a, i) => t.replace(`{${i}}`, a), text);
const fold = text => (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const escape = text => String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
// Vietnam time (UTC+7, no daylight saving), as offices write it: "18/11 14h05".
const vnTime = iso => {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 7 * 3600 * 1000);
  const two = n => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)} ${d.getUTCHours()}h${two(d.getUTCMinutes())}`;
};
// Overdue moves with the clock: the planned time passed and no run has passed.
const overdue = s => s.lastTestResult !== 'Passed' && s.testPlannedAt && new Date(s.testPlannedAt) < new Date();
const stateOf = s => s.ready ? 'ready' : overdue(s) ? 'overdue' : 'not-ready';

function connect(fresh) {
  if (source) source.close();
  source = new EventSource(root.dataset.events + (fresh ? '' : ''));
  source.addEventListener('ready', () => { live.className = 'live-dot on'; live.title = L.live; });
  source.addEventListener('snapshot', e => {
    const data = JSON.parse(e.data).data;
    board.conduct = data.sitting;
    load(data.readiness);
  });
  source.onmessage = e => apply(JSON.parse(e.data));
  source.onerror = () => { live.className = 'live-dot off'; live.title = L.reconnecting; };
}

function load(readiness) {
  board.checks = readiness.checks;
  board.sites = new Map(readiness.sites.map(s => [s.siteId, s]));
  board.tasks = new Map(readiness.tasks.map(t => [t.id, t]));
  document.getElementById('board-checklist').hidden = readiness.checks.length > 0;
  schedule();
}

function apply(event) {
  switch (event.type) {
    case 'readiness.site':
      board.sites.set(event.data.tile.siteId, event.data.tile);
      break;
    case 'presence': {
      const site = board.sites.get(event.data.siteId);
      if (site) Object.assign(site, { online: event.data.online, presenceSince: event.data.since });
      break;
    }
    case 'attendance': {
      // The site's new headcount after a check-in or check-out.
      const site = board.sites.get(event.data.count.siteId);
      if (site) Object.assign(site, { present: event.data.count.present, participants: event.data.count.planned, capacity: event.data.count.capacity });
      break;
    }
    case 'sitting':
      board.conduct = event.data;
      break;
    case 'assignment':
      board.tasks.set(event.data.id, event.data);
      break;
    case 'readiness.checklist':
      // Every tile changes: start again from a snapshot.
      connect(true);
      return;
  }
  schedule();
}

function schedule() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => { pending = false; render(); });
}

function sorted(sites) {
  const byName = (a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true });
  const byDefault = (a, b) => (b.isHost - a.isHost) || levels.indexOf(a.level) - levels.indexOf(b.level) || byName(a, b);
  const order = { 'not-ready': 0, overdue: 0, ready: 1 };
  switch (controls.sort.value) {
    case 'state': return sites.sort((a, b) => order[stateOf(a)] - order[stateOf(b)] || (b.openIncidents - a.openIncidents) || byDefault(a, b));
    case 'name': return sites.sort(byName);
    case 'test': return sites.sort((a, b) => (a.testPlannedAt || '').localeCompare(b.testPlannedAt || '') || byDefault(a, b));
    default: return sites.sort(byDefault);
  }
}

function shown() {
  const query = fold(controls.search.value.trim());
  return [...board.sites.values()].filter(s =>
    (!query || fold(`${s.name} ${s.unit || ''} ${s.province || ''} ${s.technicalContact || ''}`).includes(query))
    && (!controls.level.value || s.level === controls.level.value)
    && (!controls.state.value
      || (controls.state.value === 'incident' ? s.openIncidents > 0
        : controls.state.value === 'offline' ? !s.online
          : stateOf(s) === controls.state.value || (controls.state.value === 'not-ready' && !s.ready))));
}

function tile(s) {
  const state = stateOf(s);
  const c = s.checklist;
  const test = s.testRunning ? L.testRunning
    : s.lastTestResult === 'Passed' ? `${L.testPassed} ${vnTime(s.lastTestAt)}`
      : s.lastTestResult === 'Failed' ? `${L.testFailed} ${vnTime(s.lastTestAt)}`
        : `${L.testNone} (${format(L.planned, vnTime(s.testPlannedAt))})`;
  return `<a class="tile ${state}${s.isHost ? ' host' : ''}" href="${root.dataset.console}${s.siteId}/console" data-site="${s.siteId}" data-state="${state}">
    <span class="tile-state">${escape(s.ready ? L.ready : state === 'overdue' ? L.overdue : L.notReady)}</span>
    <strong class="tile-name">${escape(s.name)}</strong>
    <span class="tile-line">${escape(L.checklist)}: <b>${escape(format(L.passed, c.passed, c.applicable))}</b>${c.failed ? `, <b class="bad">${escape(format(L.failed, c.failed))}</b>` : ''}</span>
    <span class="tile-line ${s.lastTestResult === 'Failed' || state === 'overdue' ? 'bad' : ''}">${escape(L.test)}: ${escape(test)}</span>
    ${s.openIncidents ? `<span class="tile-line bad">⚠ ${s.openIncidents} ${escape(L.incidents)}</span>` : ''}
    ${(s.incidents || []).map(i => `<span class="tile-line bad incident" data-incident="${i.id}">${escape(L[i.kind] || i.kind)}${i.description ? `: ${escape(i.description)}` : ''} · ${escape(format(L.incidentSince, vnTime(i.openedAt)))} · ${escape(format(L.incidentBy, i.openedBy))}</span>`).join('')}
    ${videoLine(s)}
    <span class="tile-foot"><span class="presence ${s.online ? 'on' : 'off'}">${escape(s.online ? L.online : L.offline)}${s.presenceSince ? ` ${escape(format(L.since, vnTime(s.presenceSince)))}` : ''}</span>
    <span class="headcount${s.present >= s.capacity ? ' bad' : ''}" title="${escape(L.people)}">${s.present}/${s.participants}/${s.capacity}</span></span>
  </a>`;
}

// What the site's console last saw of the video room (only with an engine configured).
function videoLine(s) {
  if (root.dataset.video !== 'on') return '';
  const v = s.video;
  if (!v) return `<span class="tile-line video">${escape(L.videoNone)}</span>`;
  if (!v.inRoom) return `<span class="tile-line video bad">${escape(format(L.videoOut, vnTime(v.since)))}${v.lastError ? ` · ${escape(v.lastError)}` : ''}</span>`;
  return `<span class="tile-line video${v.quality === 'Poor' ? ' bad' : ''}">${escape(format(L.videoIn, v.participants))}${v.quality === 'Poor' ? ` · ${escape(L.videoPoor)}` : ''}</span>`;
}

function render() {
  const sites = sorted(shown());
  let html;
  if (controls.group.value) {
    // By level (fixed order) or by province (in Vietnamese order, sites without a place last): each group says how ready it is.
    const byProvince = controls.group.value === 'province';
    const keyOf = s => byProvince ? (s.province || '') : s.level;
    const keys = byProvince
      ? [...new Set(sites.map(keyOf))].sort((a, b) => (!a - !b) || a.localeCompare(b, 'vi'))
      : levels;
    html = keys.map(key => {
      const group = sites.filter(s => keyOf(s) === key);
      if (!group.length) return '';
      const ready = group.filter(s => s.ready).length;
      const name = byProvince ? (key || L.noProvince) : L[key];
      return `<details class="board-group" open><summary>${escape(name)} — ${format(escape(L.summaryReady), ready, group.length)}</summary><div class="tiles">${group.map(tile).join('')}</div></details>`;
    }).join('');
  } else {
    html = `<div class="tiles">${sites.map(tile).join('')}</div>`;
  }

  root.innerHTML = sites.length ? html : `<p class="empty">${escape(L.none)}</p>`;
  summary();
  tasks();
}

function summary() {
  const all = [...board.sites.values()];
  const noTest = all.filter(s => s.lastTestResult !== 'Passed').length;
  const late = all.filter(overdue).length;
  const parts = [format(L.summaryReady, all.filter(s => s.ready).length, all.length)];
  if (noTest) parts.push(format(L.summaryNoTest, noTest) + (late ? ` (${format(L.summaryOverdue, late)})` : ''));
  parts.push(format(L.summaryIncidents, all.reduce((n, s) => n + s.openIncidents, 0)));
  const sum = key => all.reduce((n, s) => n + s[key], 0);
  parts.push(format(L.summaryPresent, sum('present'), sum('participants'), sum('capacity')));
  const taskList = [...board.tasks.values()];
  if (taskList.length) parts.push(format(L.summaryTasks, taskList.filter(t => t.status === 'Done').length, taskList.length));
  document.getElementById('board-summary').textContent = parts.join('; ');
  conduct();
}

// The running sitting and the current item, as the chair set them.
function conduct() {
  const line = document.getElementById('board-conduct');
  const c = board.conduct;
  const sitting = c && c.sittings.find(s => s.id === c.runningSittingId);
  const item = c && c.agenda.find(a => a.current);
  line.hidden = !sitting;
  // An ended sitting leaves no stale line behind, hidden or not.
  line.textContent = sitting ? `${sitting.title}: ${L[sitting.state] || sitting.state}` + (item ? ` · ${format(L.currentItem, item.order, item.content)}` : '') : '';
}

function tasks() {
  const body = document.querySelector('#board-tasks tbody');
  const list = [...board.tasks.values()];
  document.getElementById('board-tasks-section').hidden = list.length === 0;
  body.innerHTML = list.map(t => {
    const status = t.status === 'Done' ? L.done : t.overdue ? L.late : L.open;
    const deadline = t.deadline ? t.deadline.split('-').reverse().join('/') : '';
    return `<tr class="${t.overdue ? 'late' : ''}"><td>${escape(t.assignee)}</td><td>${escape(t.content)}</td><td>${escape(deadline)}</td>
      <td><span class="task-${t.status === 'Done' ? 'done' : t.overdue ? 'late' : 'open'}">${escape(status)}</span>${t.completionNote ? `<br><span class="hint">${escape(t.completionNote)}</span>` : ''}</td></tr>`;
  }).join('');
}

for (const control of Object.values(controls)) control.addEventListener('input', schedule);
setInterval(schedule, 30_000);

const create = document.getElementById('create-checklist');
if (create) {
  create.addEventListener('click', async () => {
    const response = await fetch(`api/meetings/${root.dataset.meeting}/readiness/checklist`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ includeEpidemicPrevention: document.getElementById('checklist-epidemic').checked }),
    });
    const error = document.getElementById('checklist-error');
    error.hidden = response.ok;
    if (!response.ok) error.textContent = (await response.json()).title;
  });
}

connect(false);
