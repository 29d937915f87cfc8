"""A python-hyper h2 client for Http2ServerEngine's interop test, without sockets.

Frames go through stdin and stdout in chunks, each a 4-octet big-endian length and the bytes: this
script writes what its connection wants to send, then reads what the server sent, in lockstep. When
every stream it opened has ended it writes the length 0xFFFFFFFF and a summary, one line per stream.
"""
import struct
import sys

import h2.config
import h2.connection
import h2.events

out = sys.stdout.buffer
inp = sys.stdin.buffer


def write_chunk(data):
    out.write(struct.pack(">I", len(data)) + data)
    out.flush()


def read_chunk():
    header = inp.read(4)
    if len(header) < 4:
        sys.exit("the server side went away")
    (length,) = struct.unpack(">I", header)
    return inp.read(length)


conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True, header_encoding="utf-8"))
conn.initiate_connection()

def headers(method, path, *extra):
    return [(":method", method), (":scheme", "https"), (":authority", "example.com"), (":path", path)] + list(extra)

conn.send_headers(1, headers("GET", "/small"), end_stream=True)
conn.send_headers(3, headers("POST", "/upload", ("content-length", "100000")))
upload = b"u" * 100000
conn.send_headers(5, headers("GET", "/big", ("priority", "u=5")), end_stream=True)
conn.send_headers(7, headers("POST", "/trailers", ("te", "trailers")))
conn.send_data(7, b"payload")
conn.send_headers(7, [("x-checksum", "abc")], end_stream=True)
conn.send_headers(9, headers("GET", "/slow"), end_stream=True)
conn.send_headers(11, headers("GET", "/small", ("priority", "u=0")), end_stream=True)

bodies = {}
statuses = {}
trailers = {}
ended = set()
reset = {}
order = []
expected = {1, 3, 5, 7, 9, 11}
sent_upload = 0
reset_sent = False

while ended | set(reset) != expected:
    while sent_upload < len(upload):
        n = min(conn.local_flow_control_window(3), conn.max_outbound_frame_size, len(upload) - sent_upload)
        if n <= 0:
            break
        conn.send_data(3, upload[sent_upload:sent_upload + n], end_stream=sent_upload + n == len(upload))
        sent_upload += n
    write_chunk(conn.data_to_send())
    for event in conn.receive_data(read_chunk()):
        if isinstance(event, h2.events.ResponseReceived):
            statuses[event.stream_id] = dict(event.headers)[":status"]
            if event.stream_id == 9 and not reset_sent:
                conn.reset_stream(9, error_code=8)
                reset[9] = "client CANCEL"
                reset_sent = True
        elif isinstance(event, h2.events.DataReceived):
            bodies[event.stream_id] = bodies.get(event.stream_id, b"") + event.data
            if event.stream_id not in order:
                order.append(event.stream_id)
            conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
        elif isinstance(event, h2.events.TrailersReceived):
            trailers[event.stream_id] = dict(event.headers)
        elif isinstance(event, h2.events.StreamEnded):
            ended.add(event.stream_id)
        elif isinstance(event, h2.events.StreamReset):
            reset[event.stream_id] = "server " + str(event.error_code)

write_chunk(conn.data_to_send())
out.write(b"\xff\xff\xff\xff")
for sid in sorted(expected):
    line = "stream %d status=%s body=%d" % (sid, statuses.get(sid), len(bodies.get(sid, b"")))
    if sid in trailers:
        line += " trailers=" + ",".join("%s:%s" % kv for kv in sorted(trailers[sid].items()))
    if sid in reset:
        line += " reset=" + reset[sid]
    out.write((line + "\n").encode())
out.write(("first data order " + " ".join(str(s) for s in order) + "\n").encode())
out.flush()
