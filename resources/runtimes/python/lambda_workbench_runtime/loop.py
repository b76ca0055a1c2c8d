"""INIT (load the handler) and the invoke loop: next -> handler -> response/error."""

import logging
import os
import sys

from .context import create_context
from .faults import error_from_exception
from .handler_loader import load_handler
from .log_setup import UNHANDLED_EXCEPTION_WARNING, InvokeState, setup_logging
from .log_sink import create_log_sink
from .marshalling import marshal_response, to_json, unmarshal_request
from .runtime_api import RuntimeApiClient


class _Unbuffered(object):
    """Stream proxy flushing after every write (when PYTHONUNBUFFERED is off)."""

    def __init__(self, stream):
        self._stream = stream

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def write(self, data):
        """Write and flush at once so prints reach the log in order."""
        result = self._stream.write(data)
        self._stream.flush()
        return result

    def writelines(self, lines):
        """Write all lines and flush."""
        self._stream.writelines(lines)
        self._stream.flush()


def _flush_std_streams():
    # The engine must see a request's output before its response; user code
    # may have swapped or closed the streams, which must not break the invoke.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def _error_body(error):
    # A lone surrogate in a message cannot be UTF-8: send it as a \udXXX escape.
    return to_json(error).encode("utf-8", "backslashreplace")


def _fail_init(client, reporter, exc):
    error = error_from_exception(exc)
    logging.warning(UNHANDLED_EXCEPTION_WARNING)
    reporter.log_error(error)
    _flush_std_streams()
    client.post_init_error(_error_body(error), error["errorType"])
    sys.exit(1)


def _handle_invocation(client, request_handler, inv, sink, reporter):
    error = None
    try:
        context = create_context(inv, sink)
        event = unmarshal_request(inv.body, inv.content_type)
        result = request_handler(event, context)
        body, content_type = marshal_response(result)
    except Exception as exc:
        error = error_from_exception(exc, inv.request_id)
    # Post outside the except block so the user's traceback (and its frames)
    # is not kept alive while we talk to the Runtime API.
    if error is not None:
        reporter.log_error(error)
        _flush_std_streams()
        client.post_error(inv.request_id, _error_body(error), error["errorType"])
    else:
        _flush_std_streams()
        client.post_response(inv.request_id, body, content_type)


def main():
    """Run INIT, then serve invocations until the Runtime API goes away."""
    # The engine sets PYTHONUNBUFFERED=1; without it, make prints immediate anyway.
    if not os.environ.get("PYTHONUNBUFFERED"):
        sys.stdout = _Unbuffered(sys.stdout)
        sys.stderr = _Unbuffered(sys.stderr)
    sink = create_log_sink()
    reporter = setup_logging(sink)
    # host:port without scheme; the official client defaults to 127.0.0.1:9001.
    address = os.environ.get("AWS_LAMBDA_RUNTIME_API") or "127.0.0.1:9001"
    client = RuntimeApiClient(address)

    try:
        request_handler = load_handler(os.environ.get("_HANDLER", ""))
    except Exception as exc:
        _fail_init(client, reporter, exc)

    environ = os.environ
    while True:
        inv = client.next_invocation()
        InvokeState.request_id = inv.request_id
        InvokeState.tenant_id = inv.tenant_id
        # X-Ray SDKs read the current trace header from the environment.
        if inv.trace_id is not None:
            environ["_X_AMZN_TRACE_ID"] = inv.trace_id
        else:
            environ.pop("_X_AMZN_TRACE_ID", None)
        _handle_invocation(client, request_handler, inv, sink, reporter)
