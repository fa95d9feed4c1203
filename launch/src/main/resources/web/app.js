// ClassBot teacher's console: one WebSocket (/ws) for live state and actions; HTTP JSON as the fallback.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const metrics = window.classbotMetrics = { firstStateMs: null, commandToMapMs: null, states: 0 };
  let ws = null, wsOpen = false, nextId = 1, role = 'teacher', map = null, lastState = null;
  const pending = new Map();
  const trail = [];
  let commandSent = null; // {at, x, y, th}: for "command -> first map update"

  // ---------------------------------------------------------------- transport
  function connect() {
    ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    ws.onopen = () => { wsOpen = true; link(true); };
    ws.onclose = () => {
      wsOpen = false; link(false); releasePad(false);
      for (const [, p] of pending) p.reject(new Error('socket closed'));
      pending.clear();
      setTimeout(connect, 1000);
    };
    ws.onmessage = (ev) => {
      const m = JSON.parse(ev.data);
      if (m.type === 'hello') hello(m);
      else if (m.type === 'state') state(m);
      else if (m.type === 'chat') addChat(m.entry);
      else if (m.type === 'camera') camera(m);
      else if (m.type === 'result') {
        const p = pending.get(m.id);
        if (p) { pending.delete(m.id); p.resolve(m); }
        else if (m.error) banner(m.error);
      }
    };
  }

  function link(up) {
    const l = $('link');
    l.textContent = up ? '实时 live' : '断开 disconnected';
    l.className = up ? 'pill' : 'pill off';
    if (!up) $('connected').textContent = '服务断开 server gone';
  }

  /** One action: over the socket when open (the reply comes back with our id), else POST /api/NAME. */
  function act(type, body) {
    body = body || {};
    if (wsOpen && type === 'teleop') { // the pad's repeats: no reply unless refused
      ws.send(JSON.stringify(Object.assign({ type }, body)));
      return Promise.resolve({});
    }
    if (wsOpen) {
      const id = String(nextId++);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify(Object.assign({ type, id }, body)));
      }).then(showError);
    }
    return fetch('/api/' + type.replace('_', '/'), {
      method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(body)
    }).then((r) => r.json()).then(showError);
  }

  function showError(r) {
    if (r && r.error) banner(r.error);
    return r;
  }

  function banner(text, cls) {
    const b = $('banner');
    b.textContent = text;
    b.className = 'banner' + (cls ? ' ' + cls : '');
    b.hidden = !text;
  }

  function ask(text) {
    return new Promise((resolve) => {
      $('modalText').textContent = text;
      $('modal').hidden = false;
      const done = (v) => { $('modal').hidden = true; $('modalYes').onclick = $('modalNo').onclick = null; resolve(v); };
      $('modalYes').onclick = () => done(true);
      $('modalNo').onclick = () => done(false);
    });
  }

  // ---------------------------------------------------------------- hello / state
  function hello(m) {
    role = m.role;
    map = m.map;
    const places = $('places');
    places.innerHTML = '';
    for (const p of map.places) {
      const b = document.createElement('button');
      b.className = 'place'; b.textContent = '● ' + p.name; b.dataset.place = p.name;
      b.onclick = () => goTo(p.name);
      places.appendChild(b);
    }
    $('log').innerHTML = '';
    for (const e of m.chat) addChat(e);
    camera(m.camera);
    $('cameraControls').hidden = !m.camera.configured;
    $('voiceState').textContent = m.voice.message;
    voiceAvailable = !!m.voice.available;
    if (role !== 'teacher') {
      document.querySelectorAll('button, input, select').forEach((el) => { el.disabled = true; });
      banner('只读观看 / viewer: watching only');
    }
    if (m.kb) refreshDocs();
    else $('kbStatus').textContent = '这次运行没有知识库 / no knowledge base in this session';
    state(m.state);
  }

  function state(s) {
    lastState = s;
    metrics.states++;
    if (metrics.firstStateMs === null) metrics.firstStateMs = Math.round(performance.now());
    $('pose').textContent = `x=${s.pose.x.toFixed(2)} m  y=${s.pose.y.toFixed(2)} m  θ=${s.pose.theta_deg.toFixed(1)}°`;
    $('vel').textContent = `${s.velocity.linear.toFixed(2)} m/s  ${s.velocity.angular.toFixed(2)} rad/s`;
    $('battery').textContent = s.battery == null ? '–' : Math.round(s.battery * 100) + '%';
    $('connected').textContent = s.connected ? '已连接 connected' : '断开 disconnected';
    const e = $('estopState');
    e.textContent = s.estopped ? '已锁定 LATCHED' : '正常 off';
    e.className = s.estopped ? 'on' : '';
    $('busy').textContent = s.busy ? '是 yes' : '否 no';
    const g = s.governor || {};
    $('governor').textContent = [g.watchdog ? '看门狗 watchdog' : '', g.geofence ? '围栏 geofence' : '', g.clamped ? '限速 clamped' : '']
      .filter(Boolean).join(' · ') || '正常 ok';
    if (s.estopped) banner('急停已锁定 — 机器人不会移动，点“复位”解除 / E-STOP latched: nothing moves until reset', 'estop');
    else if ($('banner').className.includes('estop')) banner('');
    const x = s.pose.x, y = s.pose.y, th = s.pose.theta_deg * Math.PI / 180;
    const last = trail[trail.length - 1];
    if (!last || Math.hypot(last.x - x, last.y - y) > 0.005) trail.push({ x, y, at: Date.now() });
    while (trail.length > 600) trail.shift();
    if (commandSent && metrics.commandToMapMs === null
        && (Math.hypot(commandSent.x - x, commandSent.y - y) > 0.002 || Math.abs(commandSent.th - th) > 0.002)) {
      metrics.commandToMapMs = Math.round(performance.now() - commandSent.at);
    }
    if (s.plans) plans(s.plans, s.awaiting);
    if (s.teleop) teleop(s.teleop);
    draw(s);
  }

  // ---------------------------------------------------------------- plan panel
  const STATUS = { pending: '等待 pending', running: '进行中 running', done: '完成 done', refused: '拒绝 refused',
    failed: '失败 failed', cancelled: '已取消 cancelled', skipped: '跳过 skipped', queued: '排队 queued',
    awaiting: '待确认 awaiting confirmation', not_confirmed: '未确认 not confirmed' };

  function plans(list, awaiting) {
    const box = $('plans');
    if (!list.length) return;
    box.innerHTML = '';
    for (const p of list.slice().reverse()) {
      const d = document.createElement('div');
      d.className = 'plan'; d.dataset.state = p.state;
      const head = document.createElement('div');
      head.innerHTML = '<span class="state badge ' + p.state + '"></span><span class="said"></span>';
      head.querySelector('.state').textContent = STATUS[p.state] || p.state;
      head.querySelector('.said').textContent = '“' + p.utterance + '”';
      d.appendChild(head);
      for (const s of p.steps) {
        const row = document.createElement('div');
        row.className = 'step'; row.dataset.status = s.status;
        row.innerHTML = '<span></span><span class="text"></span><span class="badge ' + s.status + '"></span>';
        row.children[0].textContent = s.n + '.';
        row.children[1].textContent = s.text;
        row.children[2].textContent = (STATUS[s.status] || s.status) + (s.status === 'running' ? ' ' + s.percent + '%' : '');
        if (s.status === 'running') {
          const bar = document.createElement('div'); bar.className = 'bar';
          bar.innerHTML = '<div></div>'; bar.firstChild.style.width = s.percent + '%';
          row.appendChild(bar);
        }
        if (s.message && s.status !== 'pending') {
          const msg = document.createElement('div'); msg.className = 'msg'; msg.textContent = s.message;
          row.appendChild(msg);
        }
        d.appendChild(row);
      }
      box.appendChild(d);
    }
    const c = $('confirmBox');
    if (awaiting != null) {
      $('confirmText').textContent = '! ' + (awaiting || '确认这个计划？/ confirm this plan?');
      c.hidden = false;
    } else c.hidden = true;
  }

  // ---------------------------------------------------------------- map panel
  let view = null;
  function bounds() {
    const pts = (map.walls.length ? map.walls : map.geofence).concat(map.geofence);
    if (!pts.length) return { minX: -3, minY: -3, maxX: 3, maxY: 3 };
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const [x, y] of pts) { minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y); }
    return { minX: minX - 0.3, minY: minY - 0.3, maxX: maxX + 0.3, maxY: maxY + 0.3 };
  }

  function draw(s) {
    if (!map) return;
    const cv = $('map'), g = cv.getContext('2d');
    const b = bounds();
    const scale = Math.min(cv.width / (b.maxX - b.minX), cv.height / (b.maxY - b.minY));
    const px = (x) => (x - b.minX) * scale, py = (y) => cv.height - (y - b.minY) * scale;
    view = { px, py, scale };
    g.clearRect(0, 0, cv.width, cv.height);
    poly(g, map.geofence, px, py, '#9a6700', [6, 4], 'rgba(154,103,0,.05)');
    poly(g, map.walls, px, py, '#1b2733', [], null, 3);
    g.font = '13px system-ui, "Noto Sans CJK SC", sans-serif';
    for (const p of map.places) {
      g.fillStyle = '#6f42c1';
      g.beginPath(); g.arc(px(p.x), py(p.y), 7, 0, 2 * Math.PI); g.fill();
      g.fillText(p.name, px(p.x) + 10, py(p.y) - 8);
    }
    if (s.plans) {
      for (const p of s.plans) {
        if (!p.path || p.path.length < 2) continue;
        g.strokeStyle = p.state === 'awaiting' ? '#9a6700' : '#0b5cad'; g.setLineDash([8, 6]); g.lineWidth = 2;
        g.beginPath(); g.moveTo(px(p.path[0][0]), py(p.path[0][1]));
        for (const q of p.path.slice(1)) g.lineTo(px(q[0]), py(q[1]));
        g.stroke(); g.setLineDash([]);
      }
    }
    const now = Date.now();
    for (let i = 1; i < trail.length; i++) {
      const a = Math.max(0, 1 - (now - trail[i].at) / 30000);
      if (a <= 0) continue;
      g.strokeStyle = `rgba(208,2,27,${(0.7 * a).toFixed(3)})`; g.lineWidth = 3;
      g.beginPath(); g.moveTo(px(trail[i - 1].x), py(trail[i - 1].y)); g.lineTo(px(trail[i].x), py(trail[i].y)); g.stroke();
    }
    const x = px(s.pose.x), y = py(s.pose.y), th = s.pose.theta_deg * Math.PI / 180;
    g.save(); g.translate(x, y); g.rotate(-th);
    g.fillStyle = s.estopped ? '#d0021b' : '#1a7f37';
    g.beginPath(); g.moveTo(16, 0); g.lineTo(-10, 10); g.lineTo(-10, -10); g.closePath(); g.fill();
    g.restore();
    cv.dataset.robot = s.pose.x.toFixed(3) + ',' + s.pose.y.toFixed(3) + ',' + s.pose.theta_deg.toFixed(1);
    cv.dataset.marker = Math.round(x) + ',' + Math.round(y);
  }

  function poly(g, pts, px, py, color, dash, fill, width) {
    if (!pts || pts.length < 2) return;
    g.strokeStyle = color; g.setLineDash(dash); g.lineWidth = width || 1.5;
    g.beginPath(); g.moveTo(px(pts[0][0]), py(pts[0][1]));
    for (const p of pts.slice(1)) g.lineTo(px(p[0]), py(p[1]));
    g.closePath();
    if (fill) { g.fillStyle = fill; g.fill(); }
    g.stroke(); g.setLineDash([]);
  }

  $('map').addEventListener('click', (ev) => {
    if (!view || !map) return;
    const cv = $('map'), r = cv.getBoundingClientRect();
    const x = (ev.clientX - r.left) * cv.width / r.width, y = (ev.clientY - r.top) * cv.height / r.height;
    for (const p of map.places) {
      if (Math.hypot(view.px(p.x) - x, view.py(p.y) - y) < 16) { goTo(p.name); return; }
    }
  });

  async function goTo(name) {
    if (!(await ask('前往“' + name + '”？/ Go to ' + name + '?'))) return;
    markCommand();
    act('goto', { place: name });
  }

  // ---------------------------------------------------------------- chat panel
  function addChat(e) {
    const log = $('log');
    const d = document.createElement('div');
    d.className = e.role; d.dataset.seq = e.seq;
    d.textContent = (e.role === 'you' ? '> ' : '') + e.text;
    log.appendChild(d);
    for (const s of e.sources || []) {
      const det = document.createElement('details');
      det.className = 'source';
      const sum = document.createElement('summary');
      sum.textContent = `[${s.n}] ${s.doc} · 第 ${s.passage} 段 passage ${s.passage}` + (s.page ? ` · p. ${s.page}` : '')
        + (s.heading ? ` · ${s.heading}` : '');
      const q = document.createElement('blockquote'); q.textContent = s.quote;
      det.appendChild(sum); det.appendChild(q);
      if (s.explain) {
        const x = document.createElement('div'); x.className = 'explain';
        x.textContent = `BM25 ${s.explain.bm25} (#${s.explain.bm25_rank}) · cosine ${s.explain.cosine} (#${s.explain.vector_rank}) · fused ${s.explain.fused}`;
        det.appendChild(x);
      }
      log.appendChild(det);
    }
    log.scrollTop = log.scrollHeight;
  }

  function markCommand() {
    if (lastState) commandSent = { at: performance.now(), x: lastState.pose.x, y: lastState.pose.y, th: lastState.pose.theta_deg * Math.PI / 180 };
    metrics.commandToMapMs = null;
  }

  $('say').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = $('text').value.trim();
    if (!text) return;
    $('text').value = '';
    markCommand();
    const r = await act('say', { text });
    if (r && r.awaiting_confirmation) banner('计划等待确认 / the plan awaits confirmation: ' + (r.question || ''));
  });
  $('showExplain').addEventListener('change', (ev) => document.body.classList.toggle('show-explain', ev.target.checked));
  $('confirmYes').onclick = () => { markCommand(); banner(''); act('confirm', { yes: true }); };
  $('confirmNo').onclick = () => { banner(''); act('confirm', { yes: false }); };

  // ---------------------------------------------------------------- robot panel, e-stop, lock
  $('estop').addEventListener('pointerdown', () => act('estop'));
  $('estop').addEventListener('click', (ev) => { if (ev.detail === 0) act('estop'); }); // keyboard
  $('stop').onclick = () => act('stop');
  $('reset').onclick = async () => {
    if (await ask('解除急停？机器人将可以再次移动。/ Reset the e-stop? The robot may move again.')) act('reset');
  };
  $('lock').onclick = () => act('lock', { on: !(lastState && lastState.teleop && lastState.teleop.locked) });

  // ---------------------------------------------------------------- teleop: drives while pressed
  let padTimer = null, padButton = null;
  function press(button) {
    const [l, a] = button.dataset.drive.split(',').map(Number);
    releasePad(true);
    padButton = button; button.classList.add('active');
    const send = () => act('teleop', { linear: l, angular: a });
    send();
    padTimer = setInterval(send, 100);
  }
  function releasePad(tell) {
    if (padTimer === null) return;
    clearInterval(padTimer); padTimer = null;
    if (padButton) padButton.classList.remove('active');
    padButton = null;
    if (tell && wsOpen) ws.send(JSON.stringify({ type: 'teleop_stop' }));
    else if (tell) act('teleop_stop');
  }
  document.querySelectorAll('#pad button').forEach((b) => {
    b.addEventListener('pointerdown', (ev) => { ev.preventDefault(); if (b.setPointerCapture) try { b.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic */ } press(b); });
    for (const t of ['pointerup', 'pointercancel', 'lostpointercapture']) b.addEventListener(t, () => releasePad(true));
    b.addEventListener('contextmenu', (ev) => ev.preventDefault());
  });
  document.addEventListener('pointerup', () => releasePad(true));
  window.addEventListener('blur', () => releasePad(true));
  document.addEventListener('visibilitychange', () => { if (document.hidden) releasePad(true); });

  function teleop(t) {
    $('teleopState').textContent = (t.locked ? '全部暂停中（零速度保持）/ paused: holding zero velocity · '
      : t.driving ? '教师遥控中，计划已暂停 / teacher driving; plans give way · ' : '')
      + `上限 cap ${t.max_linear.toFixed(2)} m/s, ${t.max_angular.toFixed(2)} rad/s` + (t.refusal ? ' · ' + t.refusal : '');
    const l = $('lock');
    l.classList.toggle('on', t.locked);
    l.innerHTML = t.locked ? '解除暂停<br>Release' : '全部暂停<br>Pause all';
  }

  // ---------------------------------------------------------------- kb panel
  async function getJson(path) {
    const r = await fetch(path);
    return r.json();
  }
  async function refreshDocs() {
    const r = await getJson('/api/kb/documents');
    const t = $('kbDocs');
    t.innerHTML = '';
    if (r.error) { $('kbStatus').textContent = r.error; return; }
    for (const d of r.documents) {
      const tr = document.createElement('tr'); tr.dataset.doc = d.doc;
      tr.innerHTML = '<td></td><td></td><td></td><td><button class="small" data-act="reingest">重新导入 Re-ingest</button> '
        + '<button class="small" data-act="delete">删除 Delete</button></td>';
      tr.children[0].textContent = d.doc;
      tr.children[1].textContent = d.passages + ' 段 passages';
      tr.children[2].textContent = d.modified ? d.modified.slice(0, 10) : '';
      tr.querySelector('[data-act=reingest]').onclick = () => kbPost('reingest', { doc: d.doc });
      tr.querySelector('[data-act=delete]').onclick = async () => {
        if (await ask('从知识库删除“' + d.doc + '”？/ Delete ' + d.doc + ' from the knowledge base?')) kbPost('delete', { doc: d.doc });
      };
      t.appendChild(tr);
    }
  }
  async function kbPost(what, body) {
    $('kbStatus').textContent = '处理中 working…';
    const r = await fetch('/api/kb/' + what, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const j = await r.json();
    $('kbStatus').textContent = j.error ? j.error
      : j.files ? j.files.map((f) => `${f.doc}: ${f.status}, ${f.passages} 段 passages`).join('; ')
        : '已删除 deleted: ' + (j.deleted || []).join(', ');
    refreshDocs();
  }
  function upload(file) {
    const rd = new FileReader();
    rd.onload = () => kbPost('upload', { name: file.name, base64: rd.result.split(',')[1] || '' });
    rd.readAsDataURL(file);
  }
  $('kbFile').addEventListener('change', (ev) => { for (const f of ev.target.files) upload(f); ev.target.value = ''; });
  const drop = $('drop');
  drop.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (ev) => { ev.preventDefault(); drop.classList.remove('over'); for (const f of ev.dataTransfer.files) upload(f); });
  $('kbSearchForm').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const q = $('kbQuery').value.trim();
    if (!q) return;
    const r = await getJson('/api/kb/search?k=5&q=' + encodeURIComponent(q));
    const t = $('kbHits');
    t.innerHTML = '';
    if (r.error) { $('kbStatus').textContent = r.error; return; }
    for (const h of r.hits) {
      const tr = document.createElement('tr'); tr.dataset.doc = h.doc;
      tr.innerHTML = '<td></td><td></td>';
      tr.children[0].textContent = `#${h.rank} ${h.doc} · 第 ${h.passage} 段 passage ${h.passage}`;
      tr.children[1].textContent = `BM25 ${h.bm25} · cosine ${h.cosine} · fused ${h.fused}\n${h.text.slice(0, 240)}`;
      tr.children[1].style.whiteSpace = 'pre-wrap';
      t.appendChild(tr);
    }
    if (!r.hits.length) t.innerHTML = '<tr><td>没有找到 / nothing found</td></tr>';
  });

  // ---------------------------------------------------------------- camera, voice
  const SKELETON = [[5, 7], [7, 9], [6, 8], [8, 10], [5, 6], [5, 11], [6, 12], [11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [0, 1], [0, 2], [1, 3], [2, 4]];
  function camera(c) {
    $('cameraState').textContent = c.message + (c.status ? ' · ' + c.status : '') + (c.exercise ? ' · ' + c.exercise : '');
    const cv = $('cameraView');
    if (!c.jpeg) return;
    const img = new Image();
    img.onload = () => {
      cv.width = c.width; cv.height = c.height; cv.hidden = false;
      const g = cv.getContext('2d');
      g.drawImage(img, 0, 0);
      g.lineWidth = 2; g.font = '14px system-ui, sans-serif';
      for (const d of c.detections || []) {
        const [x1, y1, x2, y2] = d.box;
        g.strokeStyle = '#f5a623'; g.strokeRect(x1, y1, x2 - x1, y2 - y1);
        g.fillStyle = '#f5a623'; g.fillText(d.label + ' ' + d.score.toFixed(2), x1 + 2, y1 + 14);
      }
      for (const p of c.people || []) {
        const [x1, y1, x2, y2] = p.box;
        g.strokeStyle = '#4a90e2'; g.strokeRect(x1, y1, x2 - x1, y2 - y1);
        g.fillStyle = '#4a90e2'; g.fillText('#' + p.id + (c.reps && c.reps[p.id] != null ? ' · ' + c.reps[p.id] : ''), x1 + 2, y2 - 4);
        const k = p.keypoints;
        if (!k) continue;
        g.strokeStyle = '#7ed321';
        for (const [a, b] of SKELETON) {
          if (k[a] && k[b] && k[a][2] > 0.3 && k[b][2] > 0.3) { g.beginPath(); g.moveTo(k[a][0], k[a][1]); g.lineTo(k[b][0], k[b][1]); g.stroke(); }
        }
      }
    };
    img.src = 'data:image/jpeg;base64,' + c.jpeg;
    cv.dataset.frame = c.frame;
    cv.dataset.boxes = (c.detections || []).length;
    cv.dataset.people = (c.people || []).length;
    const t = $('reps');
    t.innerHTML = '';
    if (c.reps) {
      const head = document.createElement('tr');
      head.innerHTML = '<td>学生 person</td><td>次数 reps (' + c.exercise + ')</td>';
      t.appendChild(head);
      for (const [id, n] of Object.entries(c.reps)) {
        const tr = document.createElement('tr'); tr.dataset.person = id;
        tr.innerHTML = '<td></td><td></td>';
        tr.children[0].textContent = '#' + id; tr.children[1].textContent = n;
        t.appendChild(tr);
      }
      const tot = document.createElement('tr');
      tot.innerHTML = '<td>合计 total</td><td></td>'; tot.children[1].textContent = c.total;
      t.appendChild(tot);
    }
  }
  $('cameraStart').onclick = () => act('camera', { on: true, exercise: $('exercise').value });
  $('cameraReset').onclick = () => act('camera', { on: true, exercise: $('exercise').value });
  $('cameraStop').onclick = () => act('camera', { on: false });
  $('describe').onclick = () => act('say', { text: 'what do you see' });
  // push to talk: the browser records while the button is held, then posts a 16-bit PCM WAV to /api/voice; the
  // server recognizes it and says it to the robot like typed text (same filter, limits and confirmation)
  let voiceAvailable = false;
  let rec = null;
  async function micDown(ev) {
    ev.preventDefault();
    if (!voiceAvailable) {
      $('voiceState').textContent = '语音尚未设置：请用文字输入 / voice is not set up yet: please type instead';
      return;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      $('voiceState').textContent = '浏览器只在 https 或 localhost 上允许麦克风 / the browser allows the microphone only on https or localhost';
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true } });
      const ctx = new (window.AudioContext || window.webkitAudioContext)();
      const src = ctx.createMediaStreamSource(stream);
      const node = ctx.createScriptProcessor(4096, 1, 1);
      const chunks = [];
      node.onaudioprocess = (e) => chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
      src.connect(node);
      node.connect(ctx.destination);
      rec = { stream, ctx, node, src, chunks };
      $('voiceState').textContent = '正在听…松开结束 / listening… let go when done';
    } catch (e) {
      $('voiceState').textContent = '无法打开麦克风 / cannot open the microphone: ' + e.message;
    }
  }
  function micUp() {
    if (!rec) return;
    const r = rec;
    rec = null;
    r.node.disconnect();
    r.src.disconnect();
    r.stream.getTracks().forEach((t) => t.stop());
    const wav = wavBase64(r.chunks, r.ctx.sampleRate);
    r.ctx.close();
    $('voiceState').textContent = '识别中… / recognizing…';
    fetch('/api/voice', {
      method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ wav, lang: $('voiceLang').value })
    }).then((res) => res.json()).then(showError).then((res) => {
      $('voiceState').textContent = res.text ? '听到 / heard: “' + res.text + '”' : (res.message || res.error || '');
    });
  }
  function wavBase64(chunks, rate) {
    let n = 0;
    for (const c of chunks) n += c.length;
    const buf = new ArrayBuffer(44 + 2 * n);
    const v = new DataView(buf);
    const str = (o, s) => { for (let i = 0; i < s.length; i++) v.setUint8(o + i, s.charCodeAt(i)); };
    str(0, 'RIFF'); v.setUint32(4, 36 + 2 * n, true); str(8, 'WAVE'); str(12, 'fmt ');
    v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
    v.setUint32(24, rate, true); v.setUint32(28, rate * 2, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
    str(36, 'data'); v.setUint32(40, 2 * n, true);
    let o = 44;
    for (const c of chunks) {
      for (let i = 0; i < c.length; i++, o += 2) v.setInt16(o, Math.max(-1, Math.min(1, c[i])) * 0x7fff, true);
    }
    const bytes = new Uint8Array(buf);
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }
  $('mic').onpointerdown = micDown;
  $('mic').onpointerup = micUp;
  $('mic').onpointerleave = micUp;

  connect();
})();
