package org.classbot.launch.web;

/** The dashboard's one page: state, a text box, stop / e-stop / reset, and the conversation log. */
final class DashboardPage {

    private DashboardPage() {
    }

    static final String HTML = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ClassBot 课堂机器人</title>
            <style>
              body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; background: #f4f6f8; color: #1b2733; }
              header { background: #1b2733; color: #fff; padding: 12px 20px; display: flex; align-items: center; gap: 16px; }
              header h1 { font-size: 20px; margin: 0; flex: 1; }
              main { display: grid; grid-template-columns: 320px 1fr; gap: 16px; padding: 16px; }
              section { background: #fff; border-radius: 8px; padding: 14px; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
              table { width: 100%; border-collapse: collapse; } td { padding: 4px 2px; } td:first-child { color: #5b6b7b; }
              #estop { background: #d0021b; color: #fff; font-size: 22px; font-weight: bold; border: 0; border-radius: 50%;
                       width: 110px; height: 110px; cursor: pointer; box-shadow: 0 3px 0 #7a0010; }
              #estop:active { transform: translateY(2px); }
              .row { display: flex; gap: 8px; margin-top: 10px; }
              input[type=text] { flex: 1; font-size: 16px; padding: 8px; border: 1px solid #c5ced8; border-radius: 6px; }
              button.small { font-size: 15px; padding: 8px 14px; border-radius: 6px; border: 1px solid #c5ced8; background: #fff; cursor: pointer; }
              #log { height: 60vh; overflow-y: auto; font-family: ui-monospace, monospace; font-size: 14px; white-space: pre-wrap; }
              .you { color: #0b5cad; font-weight: bold; } .plan { color: #5b6b7b; } .done { color: #1a7f37; }
              .failed, .refused { color: #d0021b; } .cancelled, .skipped { color: #9a6700; } .robot { color: #6f42c1; }
              #estopState.on { color: #d0021b; font-weight: bold; }
            </style>
            </head>
            <body>
            <header><h1>ClassBot 课堂机器人</h1>
              <button id="estop" title="Emergency stop / 急停" onclick="post('/api/estop')">急停<br>E-STOP</button></header>
            <main>
              <section>
                <h2>机器人状态 / Robot</h2>
                <table>
                  <tr><td>位置 pose</td><td id="pose">–</td></tr>
                  <tr><td>速度 velocity</td><td id="vel">–</td></tr>
                  <tr><td>电量 battery</td><td id="battery">–</td></tr>
                  <tr><td>连接 link</td><td id="connected">–</td></tr>
                  <tr><td>急停 e-stop</td><td id="estopState">–</td></tr>
                  <tr><td>执行中 busy</td><td id="busy">–</td></tr>
                </table>
                <div class="row"><button class="small" id="stop" onclick="post('/api/stop')">停止 Stop</button>
                  <button class="small" id="reset" onclick="post('/api/reset')">复位 Reset</button></div>
              </section>
              <section>
                <h2>对话 / Talk</h2>
                <form class="row" onsubmit="say(); return false;">
                  <input type="text" id="text" placeholder="先前进两米，然后右转九十度 · What do you see? · 实验室可以吃东西吗？" autocomplete="off">
                  <button class="small" id="send" type="submit">发送 Send</button>
                </form>
                <div id="log"></div>
              </section>
            </main>
            <script>
              let after = 0;
              async function post(path, body) {
                const r = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json; charset=utf-8'},
                                             body: body ? JSON.stringify(body) : '{}'});
                refresh();
                return r.json();
              }
              async function say() {
                const box = document.getElementById('text');
                const text = box.value.trim();
                if (!text) return;
                box.value = '';
                await post('/api/say', {text});
              }
              async function refresh() {
                try {
                  const s = await (await fetch('/api/state')).json();
                  document.getElementById('pose').textContent = `x=${s.pose.x.toFixed(2)} m  y=${s.pose.y.toFixed(2)} m  θ=${s.pose.theta_deg.toFixed(1)}°`;
                  document.getElementById('vel').textContent = `${s.velocity.linear.toFixed(2)} m/s  ${s.velocity.angular.toFixed(2)} rad/s`;
                  document.getElementById('battery').textContent = s.battery == null ? '–' : Math.round(s.battery * 100) + '%';
                  document.getElementById('connected').textContent = s.connected ? '已连接 connected' : '断开 disconnected';
                  const e = document.getElementById('estopState');
                  e.textContent = s.estopped ? '已锁定 LATCHED' : '正常 off';
                  e.className = s.estopped ? 'on' : '';
                  document.getElementById('busy').textContent = s.busy ? '是 yes' : '否 no';
                  const l = await (await fetch('/api/log?after=' + after)).json();
                  const log = document.getElementById('log');
                  for (const line of l.lines) {
                    const div = document.createElement('div');
                    div.className = line.kind;
                    div.textContent = (line.kind === 'you' ? '> ' : '  ') + line.text;
                    log.appendChild(div);
                    after = line.seq;
                  }
                  if (l.lines.length) log.scrollTop = log.scrollHeight;
                } catch (err) { document.getElementById('connected').textContent = '服务已停止 server gone'; }
              }
              setInterval(refresh, 400);
              refresh();
            </script>
            </body>
            </html>
            """;
}
