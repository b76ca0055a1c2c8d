"""HTTP client for the Lambda Runtime API over one keep-alive connection."""

import http.client
import sys

from . import __version__

_PREFIX = "/2018-06-01/runtime"
_USER_AGENT = "aws-lambda-python/{}.{}.{}-lambda-workbench-{}".format(
    sys.version_info[0], sys.version_info[1], sys.version_info[2], __version__
)


class LambdaRuntimeClientError(Exception):
    """The Runtime API refused a call; the runtime cannot go on."""

    def __init__(self, endpoint, status, body):
        text = body.decode("utf-8", "replace")
        super().__init__(
            "Request to Lambda Runtime '{}' endpoint failed. Reason: '{}'. "
            "Response body: '{}'".format(endpoint, status, text)
        )
        self.endpoint = endpoint
        self.status = status
        self.body = body


class Invocation(object):
    """One event from /next: body bytes plus the Lambda-Runtime-* headers."""

    __slots__ = [
        "body",
        "request_id",
        "deadline_ms",
        "invoked_function_arn",
        "trace_id",
        "client_context",
        "cognito_identity",
        "tenant_id",
        "content_type",
    ]


class RuntimeApiClient(object):
    """Calls /next, /response, /error and /init/error on AWS_LAMBDA_RUNTIME_API."""

    def __init__(self, address):
        # host:port without scheme, as Lambda sets it.
        self._address = address
        self._conn = None

    def _call(self, method, path, body=None, headers=None):
        """Send one request, reconnecting once if a reused connection went stale."""
        headers = dict(headers or ())
        headers["User-Agent"] = _USER_AGENT
        for attempt in (0, 1):
            reused = self._conn is not None
            if not reused:
                # No timeout: /next is a long poll that may block for hours.
                self._conn = http.client.HTTPConnection(self._address, timeout=None)
            conn = self._conn
            try:
                conn.request(method, path, body, headers)
                response = conn.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException):
                self._close()
                # A fresh connection that fails means the API is really gone.
                if attempt or not reused:
                    raise
                continue
            if response.will_close:
                self._close()
            return response, data

    def _close(self):
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def next_invocation(self):
        """Block until the next event arrives and return it as an Invocation."""
        path = _PREFIX + "/invocation/next"
        response, body = self._call("GET", path)
        if response.status != 200:
            raise LambdaRuntimeClientError(path, response.status, body)
        header = response.getheader
        inv = Invocation()
        inv.body = body
        inv.request_id = header("Lambda-Runtime-Aws-Request-Id")
        try:
            inv.deadline_ms = int(header("Lambda-Runtime-Deadline-Ms") or 0)
        except ValueError:
            inv.deadline_ms = 0
        inv.invoked_function_arn = header("Lambda-Runtime-Invoked-Function-Arn")
        # Empty headers count as absent, like the official client.
        inv.trace_id = header("Lambda-Runtime-Trace-Id") or None
        inv.client_context = header("Lambda-Runtime-Client-Context") or None
        inv.cognito_identity = header("Lambda-Runtime-Cognito-Identity") or None
        inv.tenant_id = header("Lambda-Runtime-Aws-Tenant-Id") or None
        inv.content_type = header("Content-Type") or None
        return inv

    def post_response(self, request_id, body, content_type):
        """POST the handler's result for request_id."""
        path = "{}/invocation/{}/response".format(_PREFIX, request_id)
        self._post_invocation(path, body, {"Content-Type": content_type}, "response")

    def post_error(self, request_id, body, error_type):
        """POST an invocation error payload (JSON bytes) for request_id."""
        path = "{}/invocation/{}/error".format(_PREFIX, request_id)
        self._post_invocation(path, body, _error_headers(error_type), "error")

    def post_init_error(self, body, error_type):
        """POST an INIT failure payload (JSON bytes)."""
        path = _PREFIX + "/init/error"
        response, data = self._call("POST", path, body, _error_headers(error_type))
        if response.status != 202:
            raise LambdaRuntimeClientError(path, response.status, data)

    def _post_invocation(self, path, body, headers, what):
        response, data = self._call("POST", path, body, headers)
        if not 200 <= response.status < 300:
            # What the official client does on e.g. 413 RequestEntityTooLarge:
            # its C++ core logs this line, then the runtime dies with
            # RuntimeError and the platform restarts the environment.
            sys.stderr.write(
                "LAMBDA_RUNTIME Failed to post handler success response. "
                "Http response code: {}. {}\n".format(
                    response.status, data.decode("utf-8", "replace")
                )
            )
            sys.stderr.flush()
            raise RuntimeError("Failed to post invocation " + what)


def _error_headers(error_type):
    headers = {"Content-Type": "application/json"}
    if error_type:
        # Header values must be Latin-1; a class name may not be (the platform
        # only keeps Runtime.*/Function.* types anyway, the body is unchanged).
        headers["Lambda-Runtime-Function-Error-Type"] = error_type.encode(
            "ascii", "replace"
        )
    return headers
