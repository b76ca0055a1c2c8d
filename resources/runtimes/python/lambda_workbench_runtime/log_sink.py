"""Where log records go: framed telemetry fd, or stdout when there is none."""

import os
import struct
import sys
import threading
import time

# Frame type = 0xa55a0003 (text) or 0xa55a0002 (JSON), OR'd with a level mask
# in bits 2-4: DEBUG 0x08, INFO 0x0c, WARN 0x10, ERROR 0x14, FATAL 0x18, as in
# awslambdaric's telemetry sink. Records with no level use the bare type.
_TEXT_BASE = 0xA55A0003
_JSON_BASE = 0xA55A0002
_LEVEL_MASKS = {0: 0x00, 10: 0x08, 20: 0x0C, 30: 0x10, 40: 0x14, 50: 0x18}

TEXT_FRAME_TYPES = {lvl: _TEXT_BASE | mask for lvl, mask in _LEVEL_MASKS.items()}
JSON_FRAME_TYPES = {lvl: _JSON_BASE | mask for lvl, mask in _LEVEL_MASKS.items()}
DEFAULT_FRAME_TYPE = _TEXT_BASE

_HEADER = struct.Struct(">IIQ")  # type, payload length, timestamp (microseconds)


def frame_level(levelno):
    """Bucket a logging level number onto 0/10/20/30/40/50 as awslambdaric does."""
    return min(50, max(0, levelno)) // 10 * 10


class FramedTelemetrySink(object):
    """Writes each record as one binary frame to the telemetry fd (synchronously)."""

    framed = True

    def __init__(self, fd):
        self.fd = fd
        # Records from user threads must not interleave inside a frame.
        self._lock = threading.Lock()

    def log(self, msg, frame_type=None):
        """Write one record (one CloudWatch event, even if it spans lines)."""
        payload = msg.encode("utf-8", "backslashreplace")
        header = _HEADER.pack(
            frame_type or DEFAULT_FRAME_TYPE, len(payload), time.time_ns() // 1000
        )
        data = memoryview(header + payload)
        with self._lock:
            # A blocking write to a pipe may still be cut short by a signal.
            while data:
                written = os.write(self.fd, data)
                data = data[written:]

    def log_error(self, lines, frame_type):
        """Write the runtime's own error record: lines joined by newlines, one frame."""
        self.log("\n".join(lines), frame_type)


class StdoutSink(object):
    """Fallback when no telemetry fd is given: records go to stdout as text."""

    framed = False

    def log(self, msg, frame_type=None):
        """Write the record to the current sys.stdout."""
        sys.stdout.write(msg)
        sys.stdout.flush()

    def log_error(self, lines, frame_type):
        """Write an error record on one stdout line (\\r keeps it a single event)."""
        sys.stdout.write("\r".join(lines) + "\n")
        sys.stdout.flush()


def create_log_sink():
    """Pick the sink and hide _LAMBDA_TELEMETRY_LOG_FD from user code."""
    fd = os.environ.pop("_LAMBDA_TELEMETRY_LOG_FD", None)
    if fd:
        try:
            return FramedTelemetrySink(int(fd))
        except ValueError:
            pass
    return StdoutSink()
