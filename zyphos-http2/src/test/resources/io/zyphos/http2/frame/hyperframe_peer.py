"""hyperframe (python3-hyperframe, the frame layer of python3-h2) as a peer of the frame codec.

  hyperframe_peer.py write   prints, in hex, frames of every type as hyperframe serialises them
  hyperframe_peer.py read H  parses every frame in the hex H with hyperframe, and prints
                             one line per frame: its class, stream, sorted flags and fields
"""
import sys

from hyperframe.frame import (AltSvcFrame, ContinuationFrame, DataFrame, ExtensionFrame, Frame, GoAwayFrame,
                              HeadersFrame, PingFrame, PriorityFrame, PushPromiseFrame, RstStreamFrame,
                              SettingsFrame, WindowUpdateFrame)


def frame(cls, stream_id, *flags, **fields):
    f = cls(stream_id, **fields)
    for flag in flags:
        f.flags.add(flag)
    return f


def written():
    return [
        frame(SettingsFrame, 0, settings={SettingsFrame.MAX_CONCURRENT_STREAMS: 100,
                                          SettingsFrame.INITIAL_WINDOW_SIZE: 1048576,
                                          SettingsFrame.ENABLE_PUSH: 0}),
        frame(SettingsFrame, 0, "ACK"),
        frame(HeadersFrame, 1, "END_HEADERS", "END_STREAM", "PRIORITY", "PADDED", data=bytes.fromhex("828684"),
              depends_on=0, stream_weight=15, exclusive=False, pad_length=2),
        frame(HeadersFrame, 3, data=bytes.fromhex("8286")),
        frame(ContinuationFrame, 3, "END_HEADERS", data=bytes.fromhex("84")),
        frame(DataFrame, 1, "END_STREAM", "PADDED", data=b"hello", pad_length=4),
        frame(PriorityFrame, 5, depends_on=3, stream_weight=255, exclusive=True),
        frame(RstStreamFrame, 3, error_code=8),
        frame(PushPromiseFrame, 1, "END_HEADERS", promised_stream_id=2, data=bytes.fromhex("828784")),
        frame(PingFrame, 0, opaque_data=bytes.fromhex("0102030405060708")),
        frame(PingFrame, 0, "ACK", opaque_data=bytes.fromhex("0102030405060708")),
        frame(GoAwayFrame, 0, last_stream_id=7, error_code=0, additional_data=b"bye"),
        frame(WindowUpdateFrame, 0, window_increment=65535),
        frame(AltSvcFrame, 0, origin=b"example.com", field=b'h2=":443"'),
        frame(WindowUpdateFrame, 1, window_increment=1),
    ]


def describe(f):
    line = f"{type(f).__name__} stream={f.stream_id} flags={','.join(sorted(f.flags))}"
    if isinstance(f, (DataFrame, HeadersFrame, PushPromiseFrame)) and "PADDED" in f.flags:
        line += f" pad_length={f.pad_length}"
    if isinstance(f, HeadersFrame) and "PRIORITY" in f.flags:
        line += f" depends_on={f.depends_on} weight={f.stream_weight} exclusive={f.exclusive}"
    if isinstance(f, PriorityFrame):
        line += f" depends_on={f.depends_on} weight={f.stream_weight} exclusive={f.exclusive}"
    if isinstance(f, PushPromiseFrame):
        line += f" promised={f.promised_stream_id}"
    if isinstance(f, (DataFrame, HeadersFrame, PushPromiseFrame, ContinuationFrame)):
        line += f" data={f.data.hex()}"
    if isinstance(f, RstStreamFrame):
        line += f" error={f.error_code}"
    if isinstance(f, SettingsFrame):
        line += " settings=" + ",".join(f"{k}:{v}" for k, v in sorted(f.settings.items()))
    if isinstance(f, PingFrame):
        line += f" data={f.opaque_data.hex()}"
    if isinstance(f, GoAwayFrame):
        line += f" last={f.last_stream_id} error={f.error_code} debug={f.additional_data.hex()}"
    if isinstance(f, WindowUpdateFrame):
        line += f" increment={f.window_increment}"
    if isinstance(f, ExtensionFrame):
        line += f" type=0x{f.type:02x} body={f.body.hex()}"
    return line


def read(wire):
    at = 0
    while at < len(wire):
        f, length = Frame.parse_frame_header(memoryview(wire[at:at + 9]))
        f.parse_body(memoryview(wire[at + 9:at + 9 + length]))
        print(describe(f))
        at += 9 + length


if __name__ == "__main__":
    if sys.argv[1] == "write":
        print(b"".join(f.serialize() for f in written()).hex())
    else:
        read(bytes.fromhex(sys.argv[2]))
