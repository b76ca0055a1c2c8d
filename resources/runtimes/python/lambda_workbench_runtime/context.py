"""The `context` object passed to handlers (awslambdaric's LambdaContext)."""

import json
import os
import sys
import time

from .faults import FaultException


class CognitoIdentity(object):
    """context.identity: always present, attributes None when not from Cognito."""

    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return (
            "CognitoIdentity([cognito_identity_id={},cognito_identity_pool_id={}])"
        ).format(self.cognito_identity_id, self.cognito_identity_pool_id)


class Client(object):
    """context.client_context.client: the mobile app that made the call."""

    __slots__ = [
        "installation_id",
        "app_title",
        "app_version_name",
        "app_version_code",
        "app_package_name",
    ]

    def __repr__(self):
        fields = ",".join("{}={}".format(k, getattr(self, k)) for k in self.__slots__)
        return "Client([{}])".format(fields)


class ClientContext(object):
    """context.client_context: `custom`, `env` and `client`, or None if not sent."""

    __slots__ = ["custom", "env", "client"]

    def __repr__(self):
        return "ClientContext([custom={},env={},client={}])".format(
            self.custom, self.env, self.client
        )


def _from_dict(cls, data):
    if data is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        # Lambda only copies known keys; a non-dict value yields empty fields.
        setattr(obj, field, data.get(field) if isinstance(data, dict) else None)
    return obj


def parse_json_header(value, name):
    """Parse a JSON header value or raise Runtime.LambdaContextUnmarshalError."""
    try:
        return json.loads(value)
    except Exception as e:
        raise FaultException(
            FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR,
            "Unable to parse {} JSON: {}".format(name, str(e)),
            None,
        )


class LambdaContext(object):
    """Invocation metadata and remaining-time clock for one invoke."""

    def __init__(
        self,
        invoke_id,
        client_context,
        cognito_identity,
        epoch_deadline_time_in_ms,
        invoked_function_arn=None,
        tenant_id=None,
        log_sink=None,
    ):
        environ = os.environ
        self.aws_request_id = invoke_id
        self.log_group_name = environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = environ.get("AWS_LAMBDA_FUNCTION_NAME")
        # Kept as the environment's string ("128"), as in Lambda.
        self.memory_limit_in_mb = environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = tenant_id
        self.client_context = _from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _from_dict(Client, self.client_context.client)
        self.identity = _from_dict(CognitoIdentity, {})
        if isinstance(cognito_identity, dict):
            identity = self.identity
            identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            identity.cognito_identity_pool_id = cognito_identity.get(
                "cognitoIdentityPoolId"
            )
        self._epoch_deadline_time_in_ms = epoch_deadline_time_in_ms
        self._log_sink = log_sink

    def get_remaining_time_in_millis(self):
        """Milliseconds left before the invoke times out (never negative)."""
        delta_ms = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return delta_ms if delta_ms > 0 else 0

    def log(self, msg):
        """Write msg as-is (no newline added) to the function's log."""
        if self._log_sink is not None:
            self._log_sink.log(str(msg))
        else:
            sys.stdout.write(str(msg))

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id={},log_group_name={},log_stream_name={},"
            "function_name={},memory_limit_in_mb={},function_version={},"
            "invoked_function_arn={},client_context={},identity={},tenant_id={}])"
        ).format(
            self.aws_request_id,
            self.log_group_name,
            self.log_stream_name,
            self.function_name,
            self.memory_limit_in_mb,
            self.function_version,
            self.invoked_function_arn,
            self.client_context,
            self.identity,
            self.tenant_id,
        )


def create_context(headers, log_sink):
    """Build the LambdaContext from the /next response headers."""
    client_context = None
    if headers.client_context:
        client_context = parse_json_header(headers.client_context, "Client Context")
    cognito = None
    if headers.cognito_identity:
        cognito = parse_json_header(headers.cognito_identity, "Cognito Identity")
    return LambdaContext(
        headers.request_id,
        client_context,
        cognito,
        headers.deadline_ms,
        headers.invoked_function_arn,
        headers.tenant_id,
        log_sink,
    )
