# tangled from chapters/25-trace.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# usage: python3 tangled/tools/traceview.py TRACE [SCREENSHOT.png]
# Serves TRACE with Go 1.19's `go tool trace`, opens its trace view in headless Chromium,
# and checks that the view's model holds the collector's events.  Speaks the DevTools
# protocol over a pipe (--remote-debugging-pipe), so it needs nothing but Python.
import base64, fcntl, json, os, re, select, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request

def fail(msg):
    print("traceview: " + msg)
    sys.exit(1)

class Chrome:
    def __init__(self, profile):
        exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if exe is None:
            fail("no Chromium (Debian package chromium)")
        cmd_r, cmd_w = os.pipe()  # we write commands; Chromium reads them on fd 3
        res_r, res_w = os.pipe()  # Chromium writes replies on fd 4
        hi = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (cmd_r, res_w)]
        def fds():
            os.dup2(hi[0], 3)
            os.dup2(hi[1], 4)
        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
             "--user-data-dir=" + profile, "--window-size=1600,900", "about:blank"],
            preexec_fn=fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)  # its own process group: close() ends its helpers too
        for fd in hi + [cmd_r, res_w]:
            os.close(fd)
        self.w, self.r, self.buf, self.id = cmd_w, res_r, b"", 0

    def call(self, method, params=None, session=None, timeout=30):
        self.id += 1
        msg = {"id": self.id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            while b"\0" not in self.buf:
                left = deadline - time.time()
                if left <= 0 or not select.select([self.r], [], [], left)[0]:
                    fail("no answer to " + method)
                chunk = os.read(self.r, 1 << 20)
                if not chunk:
                    fail("Chromium exited")
                self.buf += chunk
            raw, _, self.buf = self.buf.partition(b"\0")
            reply = json.loads(raw)
            if reply.get("id") == self.id:
                if "error" in reply:
                    fail(method + ": " + json.dumps(reply["error"]))
                return reply["result"]

    def close(self):
        stop(self.proc)

def stop(proc):
    # The whole process group: go tool trace runs the trace binary as a child, Chromium its helpers.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()

def serve(trace):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    env = dict(os.environ, BROWSER="/bin/true")  # go tool trace would open a browser of its own
    proc = subprocess.Popen(["go", "tool", "trace", "-http=127.0.0.1:%d" % port, trace], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = "http://127.0.0.1:%d" % port
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/", timeout=1).read()
            return proc, base
        except OSError:
            if proc.poll() is not None:
                fail("go tool trace exited with status %d" % proc.returncode)
            time.sleep(0.1)
    stop(proc)
    fail("go tool trace does not answer")

SUMMARY = """(() => {
  const model = document.getElementById('trace-viewer').model;
  const out = {threads: {}, counters: []};
  for (const t of model.getAllThreads()) {
    const n = {};
    for (const s of t.sliceGroup.slices) n[s.title] = (n[s.title] || 0) + 1;
    out.threads[t.name || ('thread ' + t.tid)] = n;
  }
  for (const p of Object.values(model.processes))
    for (const c of Object.values(p.counters))
      out.counters.push(c.name + ': ' + c.series.map(s => s.name).join(', '));
  return JSON.stringify(out);
})()"""

def main():
    if len(sys.argv) not in (2, 3):
        fail("usage: traceview.py TRACE [SCREENSHOT.png]")
    server, base = serve(sys.argv[1])
    profile = tempfile.mkdtemp(prefix="traceview-")
    chrome = Chrome(profile)
    try:
        target = chrome.call("Target.createTarget", {"url": base + "/trace"})["targetId"]
        session = chrome.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        ready = "(v => !!(v && v.model && v.model.getAllThreads().length > 0))(document.getElementById('trace-viewer'))"
        for _ in range(600):
            r = chrome.call("Runtime.evaluate", {"expression": ready, "returnByValue": True}, session)
            if r["result"].get("value") is True:
                break
            time.sleep(0.1)
        else:
            fail("the trace view did not load a model in 60 s")
        r = chrome.call("Runtime.evaluate", {"expression": SUMMARY, "returnByValue": True}, session)
        summary = json.loads(r["result"]["value"])
        if len(sys.argv) == 3:
            hide = ("document.head.appendChild(document.createElement('style')).textContent ="
                    " 'tr-ui-b-info-bar-group { display: none !important; }';"
                    "window.dispatchEvent(new Event('resize'));")
            chrome.call("Runtime.evaluate", {"expression": hide}, session)  # the polyfill's banner
            time.sleep(1)  # let the view draw
            clip = {"x": 0, "y": 0, "width": 1600, "height": 400, "scale": 1}
            png = chrome.call("Page.captureScreenshot", {"format": "png", "clip": clip}, session)["data"]
            with open(sys.argv[2], "wb") as f:
                f.write(base64.b64decode(png))
    finally:
        chrome.close()
        stop(server)
        shutil.rmtree(profile, ignore_errors=True)
    check(summary)

def check(summary):
    total = {}
    natural = lambda kv: re.sub(r"[0-9]+", lambda m: "%08d" % int(m.group()), kv[0])
    for name, slices in sorted(summary["threads"].items(), key=natural):
        print("traceview: %-10s %s" % (name, ", ".join("%s %d" % kv for kv in sorted(slices.items()))))
        for k, v in slices.items():
            total[k] = total.get(k, 0) + v
    for c in sorted(summary["counters"]):
        print("traceview: counter " + c)
    bad = []
    if summary["threads"].get("GC", {}).get("GC", 0) == 0:
        bad.append("no GC slice on the GC row")
    for want in ("STW (sweep termination)", "STW (mark termination)", "MARK ASSIST", "SWEEP"):
        if total.get(want, 0) == 0:
            bad.append("no %r slice" % want)
    if not any(total.get(w, 0) for w in ("GC (dedicated)", "GC (fractional)", "GC (idle)")):
        bad.append("no mark worker's slice")
    if "Heap: Allocated, NextGC" not in summary["counters"]:
        bad.append("no Heap counter with Allocated and NextGC")
    if bad:
        fail("; ".join(bad))
    print("traceview: go tool trace's view shows the collector's events")

main()
