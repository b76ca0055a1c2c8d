"""The JSON log record format (AWS_LAMBDA_LOG_FORMAT=JSON)."""

import json
import logging
import time
import traceback

from .log_sink import JSON_FRAME_TYPES, frame_level

# Lambda's Python JSON records carry whole seconds: "2024-01-01T12:00:00Z".
_JSON_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

# LogRecord attributes that are not user `extra=` fields.
_RESERVED_FIELDS = frozenset(
    (
        "name", "msg", "args", "levelname", "levelno", "pathname", "filename",
        "module", "exc_info", "exc_text", "stack_info", "lineno", "funcName",
        "created", "msecs", "relativeCreated", "thread", "threadName",
        "processName", "process", "aws_request_id", "tenant_id", "_frame_type",
    )
)  # fmt: skip

_encode = json.JSONEncoder(ensure_ascii=False).encode


def json_timestamp(seconds):
    """Format an epoch time the way JSON log records show it."""
    return time.strftime(_JSON_TIME_FORMAT, time.gmtime(seconds))


class JsonFormatter(logging.Formatter):
    """Formats a record as Lambda's JSON log object, one line per record."""

    def format(self, record):
        """Return the JSON text and tag the record with its JSON frame type."""
        record.levelno = frame_level(record.levelno)
        record.levelname = logging.getLevelName(record.levelno)
        record._frame_type = JSON_FRAME_TYPES[record.levelno]
        exc_info = record.exc_info
        if exc_info and exc_info[0] is None:
            # exc_info=True outside an except block gives (None, None, None).
            exc_info = None
        result = {
            "timestamp": json_timestamp(record.created),
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "stackTrace": traceback.format_tb(exc_info[2]) if exc_info else None,
            "errorType": exc_info[0].__name__ if exc_info else None,
            "errorMessage": str(exc_info[1]) if exc_info else None,
            "requestId": getattr(record, "aws_request_id", None),
            "location": (
                "{}:{}:{}".format(record.pathname, record.funcName, record.lineno)
                if exc_info
                else None
            ),
        }
        if getattr(record, "tenant_id", None) is not None:
            result["tenantId"] = record.tenant_id
        for key, value in record.__dict__.items():
            if key not in _RESERVED_FIELDS and key not in result:
                result[key] = value
        return _encode({k: v for k, v in result.items() if v is not None}) + "\n"
