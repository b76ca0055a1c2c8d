"""Runtime-side error types and the error payload posted to the Runtime API."""

import os
import traceback

# Every file of the runtime lives under this directory (bootstrap.py and this
# package); frames from it are stripped from user-facing stack traces.
_RUNTIME_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


class FaultException(Exception):
    """An error detected by the runtime itself, reported with a Runtime.* type."""

    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


def make_error(error_message, error_type, stack_trace, request_id=None):
    """Build the `{"errorMessage","errorType","requestId","stackTrace"}` payload."""
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def _is_runtime_frame(filename):
    return os.path.abspath(filename).startswith(_RUNTIME_ROOT)


def user_stack_trace(tb):
    """Format a traceback as traceback.format_list entries, runtime frames stripped."""
    frames = traceback.extract_tb(tb)
    start = 0
    while start < len(frames) and _is_runtime_frame(frames[start].filename):
        start += 1
    if start == len(frames):
        # Nothing but runtime frames (a runtime bug): keep them all rather than
        # posting an empty trace, as awslambdaric does.
        start = 0
    # Plain 4-tuples, not FrameSummary objects: on 3.11+ the latter would add
    # "^^^^" position markers that Lambda's payloads do not have.
    tuples = [(f.filename, f.lineno, f.name, f.line) for f in frames[start:]]
    return traceback.format_list(tuples)


def error_from_exception(exc, request_id=None):
    """Turn any exception into an error payload (FaultException keeps its type)."""
    if isinstance(exc, FaultException):
        return make_error(exc.msg, exc.exception_type, exc.trace, request_id)
    return make_error(
        str(exc), type(exc).__name__, user_stack_trace(exc.__traceback__), request_id
    )
