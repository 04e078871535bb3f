"""bench/servers.py ``load(paths=...)``: the requests cycle over the paths given (the Python load
generator, run here against a tiny local server; wrk gets the same list through its Lua script)."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from bench import servers
from tests.support.local_http import serving


def test_the_python_load_generator_cycles_over_the_paths():
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            seen.append(self.path)
            self.send_response(200 if self.path != "/missing" else 404)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args) -> None:
            pass

    paths = ["/api/projects/a", "/api/projects/b?x=1", "/missing"]
    with serving(Handler) as url:
        result = servers._python_load(url, 2, 0.3, None, paths)
    assert set(seen) == set(paths) and "/" not in seen
    counts = [seen.count(p) for p in paths]
    assert max(counts) - min(counts) <= 2  # one walk shared by the threads: each path in turn
    assert result.errors == seen.count("/missing") and result.rps > 0


def test_the_wrk_script_lists_every_path_once():
    paths = ["/api/projects/a", '/api/projects?q="x"']
    script = servers._WRK_PATHS.format(paths=", ".join(servers._lua_string(p) for p in paths),
                                       threads=servers.WRK_THREADS)
    assert 'paths = {"/api/projects/a", "/api/projects?q=\\"x\\""}' in script
    assert f"step * {servers.WRK_THREADS}" in script and "wrk.format(nil, paths[i])" in script
