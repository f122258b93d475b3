"""One call to a newsstore server on loopback with an admin's token, for the scripts that drive
a server through kills and restarts (crash_check.py, replica_check.py). A refused call is its
status, not an exception: those scripts count refusals while the server comes and goes."""
import json, urllib.error, urllib.request


def admin_call(token, port, method, path, payload=None, timeout=5):
    """(status, parsed JSON body or None)."""
    data = None if payload is None else json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            return response.status, (json.loads(body) if body.strip() else None)
    except urllib.error.HTTPError as error:
        return error.code, None
