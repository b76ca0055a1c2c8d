"""Root-logger setup (text or JSON format) and the runtime's own error records."""

import logging
import os
import time

from .log_formats import JsonFormatter, json_timestamp
from .log_sink import JSON_FRAME_TYPES, TEXT_FRAME_TYPES, frame_level
from .marshalling import to_json

_TEXT_FORMAT = (
    "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n"
)
_TEXT_DATEFMT = "%Y-%m-%dT%H:%M:%S"
_NBSP = "\u00a0"

UNHANDLED_EXCEPTION_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the "
    "function code. However, in rare cases, a Lambda runtime update can cause "
    "unexpected function behavior. For functions using managed runtimes, runtime "
    "updates can be triggered by a function change, or can be applied "
    "automatically. To determine if the runtime has been updated, check the runtime "
    "version in the INIT_START log entry. If this error correlates with a change in "
    "the runtime version, you may be able to mitigate this error by temporarily "
    "rolling back to the previous runtime version. For more information, see "
    "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)


class InvokeState(object):
    """Request/tenant id of the invoke in progress (None during INIT)."""

    request_id = None
    tenant_id = None


def _log_format_is_json():
    return (os.environ.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"


def _log_level_from_env():
    # TRACE has no Python equivalent; Lambda maps it to DEBUG.
    level = (os.environ.get("AWS_LAMBDA_LOG_LEVEL") or "").upper()
    return "DEBUG" if level == "TRACE" else level


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = InvokeState.request_id or ""
        record.tenant_id = InvokeState.tenant_id
        return True


class LambdaLogHandler(logging.Handler):
    """Root handler sending each formatted record to the log sink."""

    def __init__(self, sink, with_levels):
        super().__init__()
        self.log_sink = sink
        # Text records carry a level mask only once a log level is configured,
        # exactly like awslambdaric (plain 0xa55a0003 otherwise).
        self._with_levels = with_levels

    def emit(self, record):
        """Format and write one record; failures go to logging's error hook."""
        try:
            msg = self.format(record)
            frame_type = getattr(record, "_frame_type", None)
            if frame_type is None and self._with_levels:
                frame_type = TEXT_FRAME_TYPES[frame_level(record.levelno)]
            self.log_sink.log(msg, frame_type)
        except Exception:
            self.handleError(record)


class ErrorReporter(object):
    """Writes the runtime's `[ERROR] Type: message` record for a failure."""

    def __init__(self, sink, json_format):
        self._sink = sink
        self._json = json_format
        self._frame_type = (JSON_FRAME_TYPES if json_format else TEXT_FRAME_TYPES)[40]

    def log_error(self, error):
        """Log an error payload (text: one multi-line event, indent as U+00A0)."""
        if self._json:
            record = {"timestamp": json_timestamp(time.time()), "level": "ERROR"}
            record.update(error)
            self._sink.log_error([to_json(record)], self._frame_type)
            return
        error_type, message = error.get("errorType"), error.get("errorMessage")
        head = "[ERROR]"
        if error_type:
            head += " " + error_type
        if message:
            head += (":" if error_type else "") + " " + message
        lines = [head, "Traceback (most recent call last):"]
        for entry in error.get("stackTrace") or []:
            if entry == "":
                lines.append("")
                continue
            for line in entry.splitlines():
                # CloudWatch's console collapses leading spaces; Lambda swaps
                # them for no-break spaces so the traceback stays indented.
                stripped = line.lstrip(" ")
                lines.append(_NBSP * (len(line) - len(stripped)) + stripped)
        self._sink.log_error(lines, self._frame_type)


def setup_logging(sink):
    """Install the Lambda root handler; return the ErrorReporter for this format."""
    json_format = _log_format_is_json()
    level = _log_level_from_env()
    # Lambda formats every logging timestamp in UTC, user formatters included.
    logging.Formatter.converter = time.gmtime
    handler = LambdaLogHandler(sink, with_levels=json_format or bool(level))
    if json_format:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(_TEXT_FORMAT, _TEXT_DATEFMT))
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    # Without AWS_LAMBDA_LOG_LEVEL the root logger keeps Python's WARNING, so
    # logging.info() is silent by default in text mode.
    if level in logging._nameToLevel:
        root.setLevel(level)
    root.addHandler(handler)
    return ErrorReporter(sink, json_format)
