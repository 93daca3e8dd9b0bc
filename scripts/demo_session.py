#!/usr/bin/env python3
"""A scripted session through the real vcon-mcp binary, narrated for a person.

Usage: scripts/demo_session.py [--binary PATH] [--samples DIR]

Speaks plain JSON-RPC over the server's stdin/stdout (Python standard library only, no SDK).
The server gets this process's environment: DATABASE_URL, REDIS_URL, VCON_REDIS_EXPIRY, ...
Steps: start and handshake, server status, store the sample vCons (../shared/vcon-samples when
present, else three built-in ones), read one twice (a cache miss, then a hit), update it (the
next read shows the change), search by party and by words, tag it and find it by tag, delete
it, and show the cache statistics.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import uuid as uuidlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def say(text: str = "") -> None:
    print(text, flush=True)


def step(title: str) -> None:
    say()
    say(f"== {title}")


class Server:
    """The binary as a child process; one request at a time, answers matched by id."""

    def __init__(self, binary: str) -> None:
        self.proc = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=dict(os.environ))
        self.next_id = 0
        self.log_lines: list[str] = []
        threading.Thread(target=self._drain_log, daemon=True).start()

    def _drain_log(self) -> None:
        for raw in self.proc.stderr:
            self.log_lines.append(raw.decode("utf-8", "replace").rstrip())

    def request(self, method: str, params: dict | None = None) -> dict:
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params or {}}
        self.proc.stdin.write((json.dumps(message) + "\n").encode())
        self.proc.stdin.flush()
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("the server closed its output; its log:\n" + "\n".join(self.log_lines[-20:]))
            answer = json.loads(line)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise SystemExit(f"{method} failed: {answer['error']}")
                return answer["result"]

    def notify(self, method: str) -> None:
        self.proc.stdin.write((json.dumps({"jsonrpc": "2.0", "method": method}) + "\n").encode())
        self.proc.stdin.flush()

    def tool(self, name: str, arguments: dict | None = None) -> tuple[bool, dict | str]:
        """(ok, structuredContent) or (False, the error text the model would read)."""
        result = self.request("tools/call", {"name": name, "arguments": arguments or {}})
        if result.get("isError"):
            return False, " ".join(b.get("text", "") for b in result.get("content", []))
        return True, result["structuredContent"]

    def close(self) -> int:
        self.proc.stdin.close()
        return self.proc.wait(timeout=30)


def builtin_samples() -> list[tuple[str, dict]]:
    def vcon(subject: str, a: dict, b: dict, lines: list[str]) -> dict:
        return {"uuid": str(uuidlib.uuid4()), "vcon": "0.4.0", "created_at": "2026-03-04T09:00:00Z", "subject": subject,
                "parties": [a, b],
                "dialog": [{"type": "text", "start": f"2026-03-04T09:0{i}:00Z", "parties": [i % 2, (i + 1) % 2],
                            "originator": i % 2, "mediatype": "text/plain", "body": text, "encoding": "none"}
                           for i, text in enumerate(lines)]}
    return [
        ("built-in: billing dispute", vcon("Billing dispute", {"name": "Alice Moreau", "tel": "+33612345678"},
                                           {"name": "Support agent", "mailto": "support@example.com"},
                                           ["I was charged twice for my subscription.", "I see it; I will refund the second charge."])),
        ("built-in: delivery question", vcon("Where is my parcel", {"name": "Bob Lee", "tel": "+15550100"},
                                             {"name": "Courier desk", "mailto": "desk@example.com"},
                                             ["My parcel has not arrived.", "It is out for delivery today."])),
        ("built-in: plan upgrade", vcon("Upgrade to the family plan", {"name": "Carol Diaz", "mailto": "carol@example.com"},
                                        {"name": "Sales", "tel": "+15550199"},
                                        ["Can I add two lines?", "Yes, the family plan covers four lines."])),
    ]


def load_samples(directory: Path) -> list[tuple[str, dict]]:
    if not directory.is_dir():
        return []
    samples = []
    for path in sorted(directory.glob("*.json")):
        if path.name == "MANIFEST.json":
            continue
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(doc, dict):
            samples.append((path.name, doc))
    return samples


def show_stats(stats: dict, before: dict | None = None) -> None:
    fields = ["hits", "misses", "fills", "invalidations", "errors"]
    if before is None:
        say("   cache: " + ", ".join(f"{f}={stats[f]}" for f in fields))
        return
    changes = [f"{f} +{stats[f] - before[f]}" for f in fields if stats[f] != before[f]]
    say("   cache counters changed: " + (", ".join(changes) if changes else "nothing"))


def explain(after: dict, before: dict) -> None:
    if not after["enabled"]:
        say("   (no cache configured: REDIS_URL is unset, every read goes to PostgreSQL)")
    elif after["hits"] > before["hits"]:
        say("   (a hit: served from Redis without touching PostgreSQL)")
    elif after["misses"] > before["misses"]:
        say("   (a miss: read from PostgreSQL, then put in the cache for the next reader)")
    else:
        say("   (the cache was not consulted: Redis is unreachable, PostgreSQL answered)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.environ.get("VCON_MCP_BINARY", str(ROOT / ".build/debug/vcon-mcp")))
    ap.add_argument("--samples", default=os.environ.get("VCON_SAMPLES_DIR", str(ROOT.parent / "shared/vcon-samples")))
    opts = ap.parse_args()
    if not os.access(opts.binary, os.X_OK):
        say(f"vcon-mcp binary not found at {opts.binary}: build it with `swift build` or pass --binary")
        return 2

    step("1. Start the server and shake hands (MCP over stdin/stdout)")
    server = Server(opts.binary)
    init = server.request("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                         "clientInfo": {"name": "demo_session", "version": "1"}})
    server.notify("notifications/initialized")
    info = init["serverInfo"]
    say(f"   connected to {info['name']} {info['version']}, protocol {init['protocolVersion']}")
    tools = server.request("tools/list")["tools"]
    say(f"   it offers {len(tools)} tools: " + ", ".join(t["name"] for t in tools))

    step("2. Server status")
    _, status = server.tool("server_status")
    say(f"   PostgreSQL: {status['postgres']['state']} ({status['postgres']['detail']})")
    say(f"   Redis:      {status['redis']['state']} ({status['redis']['detail']})")
    _, stats0 = server.tool("get_cache_stats")
    say(f"   cache enabled={stats0['enabled']}, ttl={stats0['ttl_seconds']}s, key prefix {stats0['prefix']!r}")

    samples = load_samples(Path(opts.samples))
    source = f"the {len(samples)} sample files in {opts.samples}" if samples else "three built-in vCons"
    if not samples:
        samples = builtin_samples()
    step(f"3. Store vCons with create_vcon: {source}")
    stored: list[tuple[str, str, dict]] = []
    rejected = clashes = 0
    for name, doc in samples:
        ok, out = server.tool("create_vcon", {"vcon": doc})
        if ok:
            stored.append((name, out["uuid"], doc))
            note = "stored" if out["created"] else "already stored"
            extra = f"; normalised {len(out['normalisations'])} legacy field(s)" if out["normalisations"] else ""
            say(f"   + {name[:70]}: {note} as {out['uuid']} ({out['form']}){extra}")
        elif "already stored" in out:
            # Signed, encrypted and amended variants of one example share its uuid.
            clashes += 1
            say(f"   = {name[:70]}: skipped: its uuid is already stored with different content (a variant of an earlier sample, or an earlier run)")
        else:
            rejected += 1
            lines = out.splitlines()
            say(f"   - {name[:70]}: rejected: {lines[1].strip() if len(lines) > 1 else lines[0][:120]}")
    say(f"   {len(stored)} stored, {rejected} rejected as invalid (the server lists every issue with its JSON path), "
        f"{clashes} skipped (uuid taken)")
    if not stored:
        say("   nothing stored; stopping")
        return 1

    # Feature an unsigned vCon with a subject and some dialog.
    featured = next(((n, u, d) for n, u, d in stored if d.get("subject") and d.get("dialog") and d.get("parties")), stored[0])
    name, uid, doc = featured
    step(f"4. Read one vCon twice: {doc.get('subject', name)!r} ({uid})")
    _, before = server.tool("get_cache_stats")
    ok, out = server.tool("get_vcon", {"uuid": uid, "response_format": "summary"})
    summary = out["summary"] if ok else {}
    say(f"   first read: {summary.get('party_count')} parties, {summary.get('dialog_count')} dialog entries, "
        f"{summary.get('analysis_count')} analyses")
    # A miss answers first and fills the cache in the background: give the fill a moment to land.
    deadline = time.monotonic() + 5
    _, after1 = server.tool("get_cache_stats")
    while after1["enabled"] and after1["fills"] <= before["fills"] and time.monotonic() < deadline:
        _, after1 = server.tool("get_cache_stats")
    show_stats(after1, before)
    explain(after1, before)
    server.tool("get_vcon", {"uuid": uid})
    _, after2 = server.tool("get_cache_stats")
    show_stats(after2, after1)
    explain(after2, after1)

    step("5. Update it with update_vcon (a JSON merge patch)")
    new_subject = f"{doc.get('subject', 'Conversation')} (reviewed)"
    ok, out = server.tool("update_vcon", {"uuid": uid, "updates": {"subject": new_subject}})
    say(f"   updated: version {out['version'] if ok else out}")
    _, after3 = server.tool("get_cache_stats")
    show_stats(after3, after2)
    say("   (the write replaced the cache entry with a tombstone, so no reader can see the old subject)")
    _, out = server.tool("get_vcon", {"uuid": uid, "response_format": "metadata"})
    say(f"   next read shows the change: subject = {out['metadata']['subject']!r} (updated_at {out['metadata']['updated_at']})")

    step("6. Search")
    party = next((p.get("name") for p in doc.get("parties", []) if isinstance(p, dict) and p.get("name")), None)
    if party:
        _, out = server.tool("search_vcons", {"party_name": party, "limit": 5, "include_count": True})
        say(f"   search_vcons party_name={party!r}: {out['total_count']} match(es)")
        for r in out["results"]:
            say(f"     {r['uuid']}  {r['subject'] or '(no subject)'}")
    _, out = server.tool("search_vcons_content", {"query": "refund OR billing OR account", "limit": 3})
    say(f"   search_vcons_content 'refund OR billing OR account': {len(out['results'])} ranked result(s)")
    for r in out["results"]:
        snippet = (r["snippets"][0] if r["snippets"] else "")[:100].replace("\n", " ")
        say(f"     {r['rank']:.3f}  {r['subject'] or '(no subject)'}: {snippet}")

    step("7. Tag it and find it by tag")
    server.tool("manage_tag", {"vcon_uuid": uid, "action": "set", "key": "status", "value": "reviewed"})
    server.tool("manage_tag", {"vcon_uuid": uid, "action": "set", "key": "team", "value": "demo"})
    _, out = server.tool("get_tags", {"vcon_uuid": uid})
    say(f"   tags: {out['tags']}")
    _, out = server.tool("search_by_tags", {"tags": {"status": "reviewed", "team": "demo"}})
    say(f"   search_by_tags status=reviewed, team=demo: {[r['uuid'] for r in out['results']]}")

    step("8. Delete it")
    _, out = server.tool("delete_vcon", {"uuid": uid})
    say(f"   deleted: {out['deleted']}")
    ok, message = server.tool("get_vcon", {"uuid": uid})
    say(f"   reading it again: {message}")

    step("9. Cache statistics for this session (get_cache_stats)")
    _, final = server.tool("get_cache_stats")
    for key in ["enabled", "connected", "hits", "misses", "hit_ratio", "fills", "refused_fills", "invalidations",
                "errors", "reconnects", "ttl_seconds", "prefix"]:
        say(f"   {key:15} {final[key]}")
    code = server.close()
    say()
    say(f"server exited with status {code} after stdin closed")
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
