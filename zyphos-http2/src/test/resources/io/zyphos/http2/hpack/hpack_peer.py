"""The other side of HpackInteropTest: python-hyper's hpack, encoding or decoding a file of blocks.

    hpack_peer.py encode FILE   each line a header list, written out as one block of hex per line
    hpack_peer.py decode FILE   each line a block in hex, written out as one header list per line

A header list is fields separated by spaces, each NAME:VALUE:FLAG with NAME and VALUE in hex and
FLAG "s" for a sensitive (never-indexed) field, "n" otherwise. A line "#size N" changes the table
size: the encoder's (it then signals the change), or the most the decoder allows.
"""
import sys

from hpack import Decoder, Encoder, HeaderTuple, NeverIndexedHeaderTuple


def encode(lines):
    encoder = Encoder()
    for line in lines:
        if line.startswith("#size "):
            encoder.header_table_size = int(line[6:])
            continue
        headers = []
        for field in line.split():
            name, value, flag = field.split(":")
            kind = NeverIndexedHeaderTuple if flag == "s" else HeaderTuple
            headers.append(kind(bytes.fromhex(name), bytes.fromhex(value)))
        yield encoder.encode(headers, huffman=True).hex()


def decode(lines):
    decoder = Decoder()
    for line in lines:
        if line.startswith("#size "):
            decoder.max_allowed_table_size = int(line[6:])
            continue
        fields = []
        for header in decoder.decode(bytes.fromhex(line), raw=True):
            flag = "s" if isinstance(header, NeverIndexedHeaderTuple) else "n"
            fields.append("%s:%s:%s" % (header[0].hex(), header[1].hex(), flag))
        yield " ".join(fields)


def main():
    mode, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="ascii") as f:
        lines = f.read().splitlines()
    for out in (encode if mode == "encode" else decode)(lines):
        print(out)


if __name__ == "__main__":
    main()
