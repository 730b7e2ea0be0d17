#!/usr/bin/env python3
"""Run one command under GNU time and write its cost as JSON (std lib only).

  measure.py --json OUT.json [--stdout FILE] [--stderr FILE] -- CMD [ARG...]

Reports wall time, user+sys CPU and "Maximum resident set size" from
`/usr/bin/time -v` (the largest single process of the tree), and, sampled every
0.1 s, the peak of the PSS summed over the whole process tree (what several
worker processes really hold together; pages they share are split between them).
Exit status is the command's.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

GNU_TIME = "/usr/bin/time"


def children_map():
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # the command name may contain spaces or parentheses: ppid follows the last ')'
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(d))
    return kids


def mem_kb(pid):
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as f:
                for line in f:
                    if line.startswith(key):
                        return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return 0


def tree_kb(root):
    kids = children_map()
    total, stack = 0, [root]
    while stack:
        p = stack.pop()
        total += mem_kb(p)
        stack.extend(kids.get(p, ()))
    return total


def parse_time(path):
    out = {}
    with open(path) as f:
        text = f.read()
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    if m:
        secs = 0.0
        for part in m.group(1).split(":"):
            secs = secs * 60 + float(part)
        out["wall_s"] = secs
    for key, pat in (
        ("user_s", r"User time \(seconds\): ([\d.]+)"),
        ("sys_s", r"System time \(seconds\): ([\d.]+)"),
        ("max_rss_kb", r"Maximum resident set size \(kbytes\): (\d+)"),
        ("exit_status", r"Exit status: (\d+)"),
    ):
        m = re.search(pat, text)
        if m:
            out[key] = float(m.group(1)) if "." in m.group(1) else int(m.group(1))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", required=True)
    ap.add_argument("--stdout")
    ap.add_argument("--stderr")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not cmd:
        ap.error("no command")
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit(f"measure.py: {GNU_TIME} not found (Debian/Ubuntu: apt-get install time)")
    timefile = a.json + ".time"
    out = open(a.stdout, "wb") if a.stdout else subprocess.DEVNULL
    err = open(a.stderr, "wb") if a.stderr else None
    t0 = time.monotonic()
    proc = subprocess.Popen([GNU_TIME, "-v", "-o", timefile, *cmd], stdout=out, stderr=err)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_kb(proc.pid))
        time.sleep(0.1)
    elapsed = time.monotonic() - t0
    res = {"cmd": cmd, "peak_tree_pss_kb": peak, "monotonic_wall_s": round(elapsed, 3)}
    try:
        res.update(parse_time(timefile))
    except OSError:
        pass
    res.setdefault("wall_s", elapsed)
    res.setdefault("exit_status", proc.returncode)
    with open(a.json, "w") as f:
        json.dump(res, f, indent=2)
        f.write("\n")
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
