#!/usr/bin/env python3
"""Drive the vcon-mcp binary with the official Python MCP client (mcp==2.3.0).

Usage: client_check.py MODE BINARY   (MODE: auto | legacy | 2026-07-28)

The server's environment is this process's (DATABASE_URL, REDIS_URL, VCON_PG_SCHEMA, ...).
Every tool is called at least once; the client validates each successful result's
structuredContent against the tool's outputSchema and raises if it does not conform.
Prints one line per step and exits non-zero when any step failed.
"""

from __future__ import annotations

import os
import sys
import uuid as uuidlib

import anyio
from mcp import Client, StdioServerParameters
from mcp.shared.exceptions import MCPError
from mcp.types import ResourceTemplateReference

EXPECTED_TOOLS = {
    "create_vcon", "get_vcon", "update_vcon", "delete_vcon", "add_party", "add_dialog", "add_analysis",
    "add_attachment", "search_vcons", "search_vcons_content", "manage_tag", "get_tags", "remove_all_tags",
    "search_by_tags", "get_unique_tags", "get_cache_stats", "server_status",
}


def sample_vcon(uid: str) -> dict:
    return {
        "uuid": uid, "vcon": "0.4.0", "created_at": "2026-03-04T09:00:00Z", "subject": "Python client check",
        "parties": [{"name": "Alice Example", "tel": "+15550100"}, {"name": "Bob Example", "mailto": "bob@example.com"}],
        "dialog": [{"type": "text", "start": "2026-03-04T09:00:00Z", "parties": [0, 1], "originator": 0,
                    "mediatype": "text/plain", "body": "I would like a refund please.", "encoding": "none"}],
    }


class Checker:
    def __init__(self, client: Client) -> None:
        self.client = client
        self.failures = 0
        self.called: set[str] = set()

    def report(self, ok: bool, step: str, detail: str = "") -> None:
        if not ok:
            self.failures += 1
        detail = detail.replace("\n", " ")
        print(f"{'ok  ' if ok else 'FAIL'} {step}{': ' + detail if detail else ''}", flush=True)

    async def call(self, name: str, args: dict, expect_error: bool = False) -> dict | None:
        """Calls a tool; the client itself raises when structuredContent breaks the outputSchema."""
        self.called.add(name)
        try:
            result = await self.client.call_tool(name, args)
        except RuntimeError as e:  # output-schema validation failure in the client
            self.report(False, f"{name} {args}", f"client rejected the result: {e}")
            return None
        except MCPError as e:
            self.report(False, f"{name} {args}", f"JSON-RPC error {e.code}: {e.message}")
            return None
        if expect_error:
            text = " ".join(getattr(b, "text", "") for b in result.content)
            self.report(result.is_error and bool(text), f"{name} fails helpfully", text[:100])
            return None
        self.report(not result.is_error and result.structured_content is not None, name,
                    "" if not result.is_error else " ".join(getattr(b, "text", "") for b in result.content)[:200])
        return result.structured_content


async def run(mode: str, binary: str) -> int:
    params = StdioServerParameters(command=binary, args=[], env=dict(os.environ))
    async with Client(params, mode=mode, read_timeout_seconds=60) as client:
        c = Checker(client)
        print(f"mode {mode}: protocol {client.protocol_version}", flush=True)
        tools = []
        cursor = None
        while True:
            page = await client.list_tools(cursor=cursor)
            tools += page.tools
            cursor = page.next_cursor
            if cursor is None:
                break
        names = {t.name for t in tools}
        c.report(names == EXPECTED_TOOLS, "tools/list", f"{len(names)} tools")
        c.report(all(t.output_schema and t.annotations for t in tools), "every tool has outputSchema and annotations")

        uid = str(uuidlib.uuid4())
        await c.call("server_status", {})
        await c.call("get_cache_stats", {})
        await c.call("create_vcon", {"vcon": sample_vcon(uid)})
        built = await c.call("create_vcon", {"subject": "Built by the client", "parties": [{"name": "Carol"}]})
        for fmt in ("full", "summary", "metadata"):
            await c.call("get_vcon", {"uuid": uid, "response_format": fmt})
        await c.call("update_vcon", {"uuid": uid, "updates": {"subject": "Python client check (updated)"}})
        await c.call("add_party", {"vcon_uuid": uid, "party": {"name": "Dave"}})
        await c.call("add_dialog", {"vcon_uuid": uid, "dialog": {
            "type": "text", "start": "2026-03-04T09:05:00Z", "parties": [2, 0], "originator": 2,
            "mediatype": "text/plain", "body": "Refund approved.", "encoding": "none"}})
        await c.call("add_analysis", {"vcon_uuid": uid, "analysis": {
            "type": "summary", "vendor": "client-check", "body": "Refund approved.", "encoding": "none"}})
        await c.call("add_attachment", {"vcon_uuid": uid, "attachment": {
            "purpose": "note", "party": 0, "mediatype": "text/plain", "body": "order 1", "encoding": "none"}})
        await c.call("manage_tag", {"vcon_uuid": uid, "action": "set", "key": "team", "value": "billing"})
        await c.call("get_tags", {"vcon_uuid": uid})
        await c.call("get_tags", {"vcon_uuid": uid, "key": "team"})
        await c.call("search_by_tags", {"tags": {"team": "billing"}})
        await c.call("get_unique_tags", {"include_counts": True})
        await c.call("get_unique_tags", {})
        for fmt in ("metadata", "ids_only", "full"):
            await c.call("search_vcons", {"party_name": "alice", "response_format": fmt, "include_count": True})
        await c.call("search_vcons_content", {"query": "refund", "limit": 5})
        await c.call("manage_tag", {"vcon_uuid": uid, "action": "remove", "key": "team"})
        await c.call("remove_all_tags", {"vcon_uuid": uid})

        # Failures are isError results the client accepts without schema validation.
        missing = str(uuidlib.uuid4())
        await c.call("get_vcon", {"uuid": missing}, expect_error=True)
        await c.call("create_vcon", {"vcon": {"uuid": missing, "created_at": "nope"}}, expect_error=True)
        await c.call("search_vcons", {"cursor": "bad"}, expect_error=True)

        # Resources, prompts and completion.
        rr = await client.read_resource(f"vcon://v1/vcons/{uid}")
        c.report(rr.contents[0].mime_type == "application/vcon+json", "resources/read vCon")
        rr = await client.read_resource(f"vcon://v1/vcons/{uid}/transcript")
        c.report("Refund" in getattr(rr.contents[0], "text", ""), "resources/read transcript")
        resources = await client.list_resources()
        c.report(any(str(r.uri).endswith(uid) for r in resources.resources), "resources/list has the new vCon")
        templates = await client.list_resource_templates()
        c.report(len(templates.resource_templates) == 6, "resource templates")
        prompt = await client.get_prompt("summarize_conversation", {"uuid": uid})
        c.report("get_vcon" in prompt.messages[0].content.text, "prompts/get summarize_conversation")
        done = await client.complete(ResourceTemplateReference(type="ref/resource", uri="vcon://v1/vcons/{uuid}"),
                                     {"name": "uuid", "value": uid[:8]})
        c.report(uid in done.completion.values, "completion of a uuid prefix")
        try:
            await client.read_resource(f"vcon://v1/vcons/{missing}")
            c.report(False, "unknown resource is an error")
        except MCPError as e:
            c.report(e.code in (-32002, -32602), "unknown resource is an error", str(e.code))

        await c.call("delete_vcon", {"uuid": uid})
        if built:
            await c.call("delete_vcon", {"uuid": built["uuid"]})
        c.report(c.called == EXPECTED_TOOLS, "every tool called", ", ".join(sorted(EXPECTED_TOOLS - c.called)))
        return c.failures


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    failures = anyio.run(run, sys.argv[1], sys.argv[2])
    print(f"DONE mode={sys.argv[1]} failures={failures}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
