"""python3-h11 as a strict client: every response byte goes through h11, which raises on any
violation of RFC 9112. argv[1] is the port, argv[2] an ETag-carrying file path. Prints JSON."""
import json
import socket
import sys

import h11

port = int(sys.argv[1])
path = sys.argv[2]


def exchange(sock, conn, method, target, headers=(), body=None):
    hdrs = [("Host", "127.0.0.1")] + list(headers)
    if body is not None:
        hdrs.append(("Content-Length", str(len(body))))
    data = conn.send(h11.Request(method=method, target=target, headers=hdrs))
    if body is not None:
        data += conn.send(h11.Data(data=body))
    data += conn.send(h11.EndOfMessage())
    sock.sendall(data)
    response, content = None, b""
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA:
            conn.receive_data(sock.recv(65536))
            continue
        if isinstance(event, h11.Response):
            response = event
        elif isinstance(event, h11.Data):
            content += event.data
        elif isinstance(event, h11.EndOfMessage):
            break
        else:
            raise AssertionError("unexpected event %r" % (event,))
    headers = {k.decode(): v.decode() for k, v in response.headers}
    return response.status_code, headers, content.decode()


result = {}
sock = socket.create_connection(("127.0.0.1", port), timeout=10)
conn = h11.Connection(h11.CLIENT)
status, headers, content = exchange(sock, conn, "GET", "/plaintext")
result["plaintext"] = [status, content]
for step, (method, target, hdrs, body) in enumerate([
        ("POST", "/echo", [("Content-Type", "text/x-h11")], b"strict"),
        ("GET", "/chunks?n=3", [], None),
        ("GET", "/empty", [], None),
        ("HEAD", path, [], None)]):
    conn.start_next_cycle()
    status, headers, content = exchange(sock, conn, method, target, hdrs, body)
    result[method + " " + target] = [status, content, headers.get("transfer-encoding"), headers.get("content-length")]
    if method == "HEAD":
        etag = headers["etag"]
conn.start_next_cycle()
status, headers, content = exchange(sock, conn, "GET", path, [("If-None-Match", etag)])
result["revalidated"] = [status, content]
sock.close()

# A request that breaks RFC 9112 §5.1 (whitespace before the colon), sent raw: h11 reads the answer.
sock = socket.create_connection(("127.0.0.1", port), timeout=10)
conn = h11.Connection(h11.CLIENT)
conn.send(h11.Request(method="GET", target="/", headers=[("Host", "a")]))  # moves h11 to awaiting a response
sock.sendall(b"GET / HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n")
response = None
while response is None:
    event = conn.next_event()
    if event is h11.NEED_DATA:
        conn.receive_data(sock.recv(65536))
    elif isinstance(event, h11.Response):
        response = event
headers = {k.decode(): v.decode() for k, v in response.headers}
while not isinstance(conn.next_event(), h11.EndOfMessage):
    pass
closed = sock.recv(1) == b""
result["badRequest"] = [response.status_code, headers.get("connection"), closed]
print(json.dumps(result, sort_keys=True))
