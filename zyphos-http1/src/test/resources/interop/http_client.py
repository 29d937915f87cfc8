"""Python's http.client against a Zyphos server: argv[1] is the port. Prints one JSON object."""
import http.client
import json
import sys

port = int(sys.argv[1])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
result = {}

# Several requests on one connection: http.client reuses the socket while the server keeps it open.
conn.request("GET", "/plaintext")
r = conn.getresponse()
result["plaintext"] = [r.status, r.getheader("content-type"), r.read().decode()]
first_socket = conn.sock

conn.request("POST", "/echo", body=b"abc" * 1000, headers={"Content-Type": "application/x-abc"})
r = conn.getresponse()
result["echo"] = [r.status, r.getheader("content-type"), len(r.read())]

# A chunked upload: http.client frames each item of the iterable as one chunk.
conn.request("POST", "/echo", body=iter([b"first,", b"second,", b"third"]),
             headers={"Content-Type": "text/plain"}, encode_chunked=True)
r = conn.getresponse()
result["chunkedUpload"] = [r.status, r.read().decode()]

# A chunked download: the server streams it.
conn.request("GET", "/chunks?n=5")
r = conn.getresponse()
result["chunkedDownload"] = [r.status, r.getheader("transfer-encoding"), r.read().decode()]

conn.request("GET", "/empty")
r = conn.getresponse()
result["empty"] = [r.status, r.read().decode()]

result["sameSocket"] = conn.sock is first_socket
conn.close()
print(json.dumps(result))
